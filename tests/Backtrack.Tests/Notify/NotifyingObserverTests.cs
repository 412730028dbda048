using Backtrack.Execution;
using Backtrack.Notify;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.Verify;

namespace Backtrack.Tests.Notify;

public sealed class NotifyingObserverTests
{
    private static readonly Plan Plan = new("op-1", "rollback", "web to v3", []);

    [Fact]
    public async Task Given_a_hanging_and_a_refusing_channel_when_an_operation_runs_then_the_others_get_both_notices_and_the_faults_are_warnings()
    {
        var good = new RecordingChannel("good");
        var log = new StringWriter();
        using var observer = new NotifyingObserver(
            "test", [new RecordingChannel("slow", hangs: true), new RecordingChannel("broken", refuses: true), good], TimeSpan.FromMilliseconds(300), null, log);

        await observer.OperationStartedAsync("op-1", Plan, CancellationToken.None);
        await observer.OperationEndedAsync("op-1", Result(ExecutionOutcome.Succeeded), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["started", "succeeded"], good.Sent.Select(n => n.Event));
        Assert.Equal("web to v3", good.Sent[1].Summary);
        Assert.Contains("warning: notification failed: no answer within 0.3 s (slow, started)", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("warning: notification not accepted: HTTP 500 (broken, succeeded)", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_failed_verification_when_the_operation_ends_then_the_notice_has_failed()
    {
        var channel = new RecordingChannel("c");
        using var observer = new NotifyingObserver("test", [channel], TimeSpan.FromSeconds(5), null, TextWriter.Null);

        await observer.OperationStartedAsync("op-1", Plan, CancellationToken.None);
        await observer.StepEndedAsync("op-1", 1, new VerifyStep(0, TimeSpan.FromMinutes(1)), StepPhase.Apply, new BacktrackException("web restarted 3 times"), CancellationToken.None);
        await observer.OperationEndedAsync("op-1", Result(ExecutionOutcome.Succeeded), CancellationToken.None);

        var ended = channel.Sent[1];
        Assert.Equal("failed", ended.Event);
        Assert.Equal("web restarted 3 times", ended.Verification);
        Assert.Contains("succeeded but its verification failed", NoticeText.Headline(ended), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_plan_of_a_deploys_incident_when_it_starts_and_ends_then_both_notices_carry_the_incident()
    {
        var channel = new RecordingChannel("c");
        using var observer = new NotifyingObserver("test", [channel], TimeSpan.FromSeconds(5), null, TextWriter.Null);

        await observer.OperationStartedAsync("op-1", Plan with { Incident = "deploy/w1" }, CancellationToken.None);
        await observer.OperationEndedAsync("op-1", Result(ExecutionOutcome.RolledBack), CancellationToken.None);

        Assert.Equal(["deploy/w1", "deploy/w1"], channel.Sent.Select(n => n.Incident));
    }

    [Fact]
    public void Given_a_secret_in_the_summary_when_worded_then_it_is_redacted()
    {
        SecretRegistry.AddValue("notice-secret-4711");

        var text = NoticeText.Full(new OperationNotice("test", "op-1", "rollback", "web to v3 with TOKEN=notice-secret-4711"));

        Assert.DoesNotContain("notice-secret-4711", text, StringComparison.Ordinal);
    }

    internal static ExecutionResult Result(ExecutionOutcome outcome) => new("op-1", outcome, null, outcome == ExecutionOutcome.Succeeded ? null : "boom", [], TimeSpan.FromSeconds(2));
}
