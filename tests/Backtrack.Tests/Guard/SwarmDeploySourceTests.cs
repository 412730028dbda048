using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Swarm;

namespace Backtrack.Tests.Guard;

/// <summary>The swarm deploy source over a fake manager: what is a new deploy, and waiting out swarm's own rollback.</summary>
public sealed class SwarmDeploySourceTests
{
    private static readonly EnvironmentConfig Env = new("prod", null, "shop", "/tmp/state", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0, new Dictionary<string, ServiceConfig>())
    {
        Backend = Backend.Swarm,
        Guard = GuardConfig.Default with { Interval = TimeSpan.FromMilliseconds(10) },
    };

    [Fact]
    public async Task Given_what_ran_at_start_when_its_spec_is_told_again_then_only_a_spec_not_seen_before_is_a_deploy()
    {
        var manager = new FakeSwarmManager(["d1"]);
        var source = new SwarmDeploySource(Env, new StackInspector(manager), new NoPlanner(), TimeProvider.System);
        await source.SettleAsync(CancellationToken.None);

        var same = await source.NewDeployAsync(Deploy("d1"), CancellationToken.None);
        manager.Digests.Clear();
        manager.Digests.Enqueue("d2");
        var updated = await source.NewDeployAsync(Deploy("d2"), CancellationToken.None);
        var again = await source.NewDeployAsync(Deploy("d2"), CancellationToken.None);

        Assert.Null(same);
        Assert.Equal("web", updated);
        Assert.Null(again);
    }

    [Fact]
    public async Task Given_swarm_rolling_back_by_itself_when_guard_is_about_to_roll_back_then_it_waits_until_swarm_is_done_and_says_so_once()
    {
        var manager = new FakeSwarmManager(["d2", "d2", "d1"], ["rollback_started", "rollback_started", "rollback_completed"]);
        var source = new SwarmDeploySource(Env, new StackInspector(manager), new NoPlanner(), TimeProvider.System);
        var reports = new List<string>();

        await source.LetEngineRollbackEndAsync(reports.Add, CancellationToken.None);

        Assert.Equal("rollback_completed", manager.LastState);
        Assert.Equal(["web: swarm's own rollback is running (failure_action: rollback); waiting for it to end before judging what to roll back"], reports);
    }

    [Fact]
    public async Task Given_a_resumed_window_when_every_spec_is_told_then_only_a_spec_neither_the_baseline_nor_the_window_ran_is_a_deploy()
    {
        var manager = new FakeSwarmManager(["d1"], names: ["api", "web", "worker"]);
        var source = new SwarmDeploySource(Env, new StackInspector(manager), new NoPlanner(), TimeProvider.System);
        var window = new WatchWindow("w1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), 7, new Dictionary<string, string> { ["d1/web"] = "web" });
        var baseline = new Release(7, DateTimeOffset.UtcNow, "record", null, null, null, [Row("api", "d1"), Row("web", "d0"), Row("worker", "d0")]);

        await source.ResumeAsync(window, baseline, CancellationToken.None);

        Assert.Null(await source.NewDeployAsync(Deploy("d1", "api"), CancellationToken.None));
        Assert.Null(await source.NewDeployAsync(Deploy("d1", "web"), CancellationToken.None));
        Assert.Equal("worker", await source.NewDeployAsync(Deploy("d1", "worker"), CancellationToken.None));
    }

    [Fact]
    public async Task Given_two_services_with_the_same_task_spec_when_listed_then_both_run()
    {
        var source = new SwarmDeploySource(Env, new StackInspector(new FakeSwarmManager(["d1"], names: ["worker-a", "worker-b"])), new NoPlanner(), TimeProvider.System);

        var current = await source.CurrentAsync(CancellationToken.None);

        Assert.Equal(["worker-a", "worker-b"], current.Values.Order());
    }

    [Fact]
    public async Task Given_the_manager_client_timing_out_when_followed_then_the_events_end_with_a_one_line_error()
    {
        var manager = new FakeSwarmManager(["d1"]) { Fault = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.") };
        var source = new SwarmDeploySource(Env, new StackInspector(manager), new NoPlanner(), TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = source.Follow(DateTimeOffset.UtcNow, _ => { }, stop.Token);
        var error = await Assert.ThrowsAsync<BacktrackException>(async () => await events.WaitToReadAsync(stop.Token));

        Assert.StartsWith("stopped following the swarm manager (TaskCanceledException: The request was canceled", error.Message);
        Assert.False(stop.IsCancellationRequested);
    }

    private static ServiceRelease Row(string service, string digest) =>
        new(service, $"shop_{service}", "demo/web:v1", "demo/web:v1", true, new ContainerSpec { Image = "demo/web:v1", HostConfigJson = "{}" })
        {
            ServiceSpec = new SwarmServiceSpec { Json = "{}", Image = "demo/web:v1", TaskDigest = digest },
        };

    private static EngineEvent Deploy(string digest, string service = "web") =>
        new(DateTimeOffset.UtcNow, SwarmChanges.Deploy, SwarmChanges.Unit(service, digest), new Dictionary<string, string> { [SwarmChanges.ServiceAttribute] = service });

    private sealed class NoPlanner : IRollbackPlanning
    {
        public Task<Plan> PlanAsync(EnvironmentConfig env, RollbackRequest request, CancellationToken ct) => throw new InvalidOperationException("not planned in these tests");
    }
}
