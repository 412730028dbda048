using Backtrack.Configuration;
using Backtrack.Guard.Signals;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Tests.Guard.Signals;

/// <summary>A swarm service's health signal while swarm rolls its spec out (the fake manager runs no task yet).</summary>
public sealed class SwarmServiceSignalTests
{
    private static readonly EnvironmentConfig Env = new("prod", null, "shop", "/tmp/state", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), 0, new Dictionary<string, ServiceConfig>())
    {
        Backend = Backend.Swarm,
    };

    [Fact]
    public async Task Given_a_service_joining_a_window_late_when_first_read_then_its_rollout_gets_the_whole_health_timeout_from_then()
    {
        var clock = new Clock { Now = new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero) };
        var inspector = new StackInspector(new FakeSwarmManager(["d2"]));
        var signal = new SwarmServiceSignal(new StackStatusService(inspector, null!), inspector, Env, "web", TimeSpan.FromSeconds(1), clock);

        var first = await signal.ReadAsync(CancellationToken.None);
        clock.Now += Env.HealthTimeout - TimeSpan.FromSeconds(1);
        var within = await signal.ReadAsync(CancellationToken.None);
        clock.Now += TimeSpan.FromSeconds(2);
        var after = await signal.ReadAsync(CancellationToken.None);

        Assert.Equal(SignalState.Ok, first.State);
        Assert.Equal(SignalState.Ok, within.State);
        Assert.Equal(SignalState.Failing, after.State);
        Assert.StartsWith("not rolled out within the health timeout", after.Detail);
    }

    [Fact]
    public async Task Given_an_earlier_incident_s_rolled_back_update_when_read_then_only_a_new_failed_update_fails()
    {
        var inspector = new StackInspector(new FakeSwarmManager(["d1"], ["rollback_completed", "rollback_completed", "paused"]));
        var signal = new SwarmServiceSignal(new StackStatusService(inspector, null!), inspector, Env, "web", TimeSpan.FromSeconds(1), TimeProvider.System);

        var first = await signal.ReadAsync(CancellationToken.None);
        var again = await signal.ReadAsync(CancellationToken.None);
        var paused = await signal.ReadAsync(CancellationToken.None);

        Assert.Equal(SignalState.Ok, first.State);
        Assert.Equal(SignalState.Ok, again.State);
        Assert.Equal(SignalState.Failing, paused.State);
        Assert.Contains("paused", paused.Detail);
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
