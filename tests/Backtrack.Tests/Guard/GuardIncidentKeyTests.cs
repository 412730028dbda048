using System.Text.Json.Nodes;
using Backtrack.Configuration;
using Backtrack.Execution;
using Backtrack.Guard;
using Backtrack.Notify;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Status;
using Backtrack.Tests.Notify;
using Backtrack.Tests.Rollback.Backends;
using Backtrack.Tests.State;

namespace Backtrack.Tests.Guard;

/// <summary>
/// Guard's own automatic rollback pages under its watch window's incident: PagerDuty's trigger (start) and
/// resolve (end) carry one dedup key per window, whatever the operation's ID.
/// </summary>
public sealed class GuardIncidentKeyTests : TemporaryStateDatabase
{
    [Fact]
    public async Task Given_two_windows_failing_when_each_automatic_rollback_starts_and_ends_then_trigger_and_resolve_share_the_windows_key()
    {
        var releases = new ReleaseStore(Database);
        var backend = new ComposePlannerBackend();
        var baseline = await releases.AddAsync(
            new Release(0, DateTimeOffset.UnixEpoch, "record", null, null, null, [backend.Row("api", "shop/api:v1")]), CancellationToken.None);
        var engine = new FakeComposeEngine(PlannerBackend.Project, new Dictionary<string, string> { ["api"] = "shop/api:v2" });
        var planner = new RollbackPlanner(engine, new ProjectInspector(engine), releases, TimeProvider.System);

        var first = await PagesAsync(planner, Window("w1700000000000", baseline), "op-1");
        var second = await PagesAsync(planner, Window("w1700000600000", baseline), "op-2");

        Assert.Equal(["trigger", "resolve"], first.Select(e => (string)e["event_action"]!));
        Assert.Equal(["backtrack/test/deploy/w1700000000000", "backtrack/test/deploy/w1700000000000"], first.Select(Key));
        Assert.Equal(["backtrack/test/deploy/w1700000600000", "backtrack/test/deploy/w1700000600000"], second.Select(Key));
    }

    /// <summary>The PagerDuty events the window's automatic rollback sends: at its start and at its (successful) end.</summary>
    private static async Task<IReadOnlyList<JsonObject>> PagesAsync(RollbackPlanner planner, WatchWindow window, string operationId)
    {
        var detection = new Detection(DateTimeOffset.UnixEpoch, "health", "api", "unhealthy 3 times in a row");
        var plan = await AutoRollback.PlanAsync(planner, Environment(), window, detection, CancellationToken.None);
        var channel = new RecordingChannel("pagerduty");
        using var observer = new NotifyingObserver("test", [channel], TimeSpan.FromSeconds(5), null, TextWriter.Null);

        await observer.OperationStartedAsync(operationId, plan, CancellationToken.None);
        await observer.OperationEndedAsync(operationId, NotifyingObserverTests.Result(ExecutionOutcome.Succeeded) with { OperationId = operationId }, CancellationToken.None);

        return channel.Sent.OrderBy(n => n.Result is not null).Select(n => PagerDutyChannel.Event(n, "routing-key")).ToList();
    }

    private static string Key(JsonObject pagerDutyEvent) => (string)pagerDutyEvent["dedup_key"]!;

    private static WatchWindow Window(string id, long baseline) =>
        new(id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), baseline, new Dictionary<string, string> { ["c1"] = "api" });

    private static EnvironmentConfig Environment() =>
        new("test", null, PlannerBackend.Project, "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>());
}
