using Backtrack.Execution;
using Backtrack.Notify;

namespace Backtrack.Tests.Notify;

public sealed class PagerDutyChannelTests
{
    private static readonly OperationNotice Started = new("prod", "op-1", "rollback", "web to v3");

    [Fact]
    public void Given_a_rollback_that_starts_when_sent_then_a_warning_incident_is_triggered_under_the_operations_key()
    {
        var body = PagerDutyChannel.Event(Started, "routing-key");

        Assert.Equal("routing-key", (string?)body["routing_key"]);
        Assert.Equal("trigger", (string?)body["event_action"]);
        Assert.Equal("backtrack/prod/op-1", (string?)body["dedup_key"]);
        Assert.Equal("warning", (string?)body["payload"]!["severity"]);
        Assert.Equal("Backtrack rollback op-1 started on prod", (string?)body["payload"]!["summary"]);
    }

    [Fact]
    public void Given_a_rollback_that_failed_when_sent_then_the_incident_is_triggered_again_as_critical()
    {
        var body = PagerDutyChannel.Event(Started with { Result = NotifyingObserverTests.Result(ExecutionOutcome.RolledBack) }, "k");

        Assert.Equal("trigger", (string?)body["event_action"]);
        Assert.Equal("backtrack/prod/op-1", (string?)body["dedup_key"]);
        Assert.Equal("critical", (string?)body["payload"]!["severity"]);
    }

    [Fact]
    public void Given_a_verified_rollback_when_sent_then_the_incident_is_resolved()
    {
        var body = PagerDutyChannel.Event(Started with { Result = NotifyingObserverTests.Result(ExecutionOutcome.Succeeded), Verification = "verification passed" }, "k");

        Assert.Equal("resolve", (string?)body["event_action"]);
        Assert.Equal("backtrack/prod/op-1", (string?)body["dedup_key"]);
        Assert.Null(body["payload"]);
    }

    [Fact]
    public void Given_a_guarded_deploys_rollback_when_it_starts_and_resolves_then_both_carry_the_deploys_key_not_the_operations()
    {
        var started = Started with { Incident = "deploy/w1764620000000" };

        var trigger = PagerDutyChannel.Event(started, "k");
        var resolve = PagerDutyChannel.Event(started with { Result = NotifyingObserverTests.Result(ExecutionOutcome.Succeeded) }, "k");

        Assert.Equal("backtrack/prod/deploy/w1764620000000", (string?)trigger["dedup_key"]);
        Assert.Equal("backtrack/prod/deploy/w1764620000000", (string?)resolve["dedup_key"]);
    }

    [Theory]
    [InlineData("rollback", true)]
    [InlineData("rollback db", true)]
    [InlineData("pin", false)]
    [InlineData("cleanup", false)]
    public void Given_an_operation_when_asked_then_only_rollbacks_page(string kind, bool pages)
    {
        using var http = new HttpClient();
        var channel = new PagerDutyChannel(new Uri("http://127.0.0.1/"), "k", http);

        Assert.Equal(pages, channel.Wants(Started with { Kind = kind }));
    }
}
