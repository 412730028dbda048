using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard;
using Backtrack.Swarm;

namespace Backtrack.Tests.Guard;

/// <summary>Polls of a fake stack turned into guard's events, and how the swarm judge reads them.</summary>
public sealed class SwarmChangesTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    private static readonly EnvironmentConfig Env = new("prod", null, "shop", "/tmp/state", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0, new Dictionary<string, ServiceConfig>());

    [Fact]
    public void Given_a_first_poll_when_read_then_every_service_spec_is_told_once_and_an_unchanged_one_not_again()
    {
        var changes = new SwarmChanges(Since);

        var first = changes.Next([Service("web", "d1")], Since.AddSeconds(1));
        var second = changes.Next([Service("web", "d1")], Since.AddSeconds(2));

        Assert.Equal([(SwarmChanges.Deploy, "d1/web")], first.Select(e => (e.Action, e.ContainerId)));
        Assert.Empty(second);
    }

    [Fact]
    public void Given_a_service_update_when_polled_then_its_new_spec_is_a_deploy_of_that_service()
    {
        var changes = new SwarmChanges(Since);
        changes.Next([Service("web", "d1")], Since.AddSeconds(1));

        var deploy = Assert.Single(changes.Next([Service("web", "d2")], Since.AddSeconds(2)));

        Assert.Equal(SwarmChanges.Deploy, deploy.Action);
        Assert.Equal("d2/web", deploy.ContainerId);
        Assert.Equal("web", deploy.Attributes[SwarmChanges.ServiceAttribute]);
    }

    [Fact]
    public void Given_a_task_of_the_new_spec_that_failed_when_judged_then_the_window_watching_that_spec_fails_once()
    {
        var changes = new SwarmChanges(Since);
        var failed = new ServiceTask("t1", 1, "node", TaskState.Shutdown, TaskState.Failed, "task: non-zero exit (137): dockerexec: unhealthy container", "c1", Since.AddSeconds(3)) { SpecDigest = "d2" };

        var events = changes.Next([Service("web", "d2", failed)], Since.AddSeconds(4));
        var again = changes.Next([Service("web", "d2", failed)], Since.AddSeconds(5));

        var detection = events.Select(e => SwarmEventJudge.Judge(Env, e, new Dictionary<string, string> { ["d2/web"] = "web" })).OfType<Detection>().Single();
        Assert.Equal("web", detection.Subject);
        Assert.Equal("task 1 failed: task: non-zero exit (137): dockerexec: unhealthy container", detection.Detail);
        Assert.Empty(again);
    }

    [Fact]
    public void Given_a_task_that_failed_before_guard_looked_or_of_another_spec_when_judged_then_nothing_is_detected()
    {
        var changes = new SwarmChanges(Since);
        var old = new ServiceTask("t0", 1, "node", TaskState.Shutdown, TaskState.Failed, "exit 1", "c0", Since.AddSeconds(-30)) { SpecDigest = "d2" };
        var other = new ServiceTask("t1", 1, "node", TaskState.Shutdown, TaskState.Failed, "exit 1", "c1", Since.AddSeconds(1)) { SpecDigest = "d1" };

        var events = changes.Next([Service("web", "d2", old, other)], Since.AddSeconds(2));

        Assert.All(events, e => Assert.Null(SwarmEventJudge.Judge(Env, e, new Dictionary<string, string> { ["d2/web"] = "web" })));
    }

    [Theory]
    [InlineData("rollback_started", "swarm's update is rollback started: update rolled back due to failure")]
    [InlineData("paused", "swarm's update is paused: update rolled back due to failure")]
    public void Given_swarm_pausing_or_rolling_back_a_watched_update_when_judged_then_it_is_detected(string state, string detail)
    {
        var changes = new SwarmChanges(Since);
        changes.Next([Service("web", "d2")], Since.AddSeconds(1));

        var events = changes.Next([Service("web", "d2") with { Details = Details("web", "d2", new ServiceUpdateStatus(state, "update rolled back due to failure")) }], Since.AddSeconds(2));

        var detection = SwarmEventJudge.Judge(Env, Assert.Single(events), new Dictionary<string, string> { ["d2/web"] = "web" });
        Assert.Equal(detail, detection?.Detail);
        Assert.Equal("swarm update", detection?.Signal);
    }

    [Fact]
    public void Given_an_update_state_left_from_an_earlier_incident_when_first_polled_then_no_update_failure_is_told()
    {
        var changes = new SwarmChanges(Since);
        var leftover = Service("web", "d1") with { Details = Details("web", "d1", new ServiceUpdateStatus("rollback_completed", "rolled back earlier")) };

        var first = changes.Next([leftover], Since.AddSeconds(1));
        var second = changes.Next([leftover], Since.AddSeconds(2));

        Assert.Equal([SwarmChanges.Deploy], first.Select(e => e.Action));
        Assert.Empty(second);
    }

    [Fact]
    public void Given_two_services_with_the_same_task_spec_when_polled_then_each_is_a_unit_of_its_own()
    {
        var changes = new SwarmChanges(Since);

        var events = changes.Next([Service("worker-a", "d1"), Service("worker-b", "d1")], Since.AddSeconds(1));

        Assert.Equal(["d1/worker-a", "d1/worker-b"], events.Select(e => e.ContainerId));
    }

    [Fact]
    public void Given_a_completed_update_when_polled_then_it_is_no_failure() =>
        Assert.False(SwarmChanges.IsFailure("completed"));

    private static StackService Service(string name, string digest, params ServiceTask[] tasks) => new(name, Details(name, digest, null), tasks);

    private static ServiceDetails Details(string name, string digest, ServiceUpdateStatus? update) =>
        new($"id-{name}", $"shop_{name}", 1, $"demo/{name}:v1", ServiceMode.Replicated, 1, update, null, [], new Dictionary<string, string>())
        {
            Spec = new SwarmServiceSpec { Json = "{}", Image = $"demo/{name}:v1", TaskDigest = digest },
        };
}
