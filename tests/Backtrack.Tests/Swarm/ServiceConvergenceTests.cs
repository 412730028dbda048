using Backtrack.Engine;
using Backtrack.Swarm;

namespace Backtrack.Tests.Swarm;

public sealed class ServiceConvergenceTests
{
    [Fact]
    public void Given_every_wanted_task_running_the_new_spec_when_judged_then_converged_without_waiting_for_swarms_monitor()
    {
        var verdict = ServiceConvergence.Judge(
            Service("updating"), [Task("a", "new", TaskState.Running), Task("b", "new", TaskState.Running), Task("c", "old", TaskState.Running, TaskState.Shutdown)]);

        Assert.True(verdict.Converged, verdict.Detail);
        Assert.Equal("2 of 2 tasks run the new spec", verdict.Detail);
    }

    [Fact]
    public void Given_a_wanted_task_on_the_old_spec_when_judged_then_waiting_even_with_enough_new_ones()
    {
        var verdict = ServiceConvergence.Judge(
            Service(null), [Task("a", "new", TaskState.Running), Task("b", "new", TaskState.Running), Task("c", "old", TaskState.Running)]);

        Assert.False(verdict.Converged);
        Assert.False(verdict.Failed);
        Assert.Contains("1 still the old one", verdict.Detail);
    }

    [Fact]
    public void Given_a_new_task_that_does_not_run_when_judged_then_waiting_and_naming_its_error()
    {
        var verdict = ServiceConvergence.Judge(
            Service("updating"), [Task("a", "new", TaskState.Running), Task("b", "new", TaskState.Failed, error: "task: non-zero exit (1)")]);

        Assert.False(verdict.Converged);
        Assert.Contains("1 of 2 tasks run the new spec", verdict.Detail);
        Assert.Contains("non-zero exit (1)", verdict.Detail);
    }

    [Theory]
    [InlineData("paused", "swarm's update is paused: update paused due to failure")]
    [InlineData("rollback_started", "swarm's update is rollback started: update paused due to failure")]
    [InlineData("rollback_completed", "swarm's update is rollback completed: update paused due to failure")]
    public void Given_swarm_paused_or_rolled_back_the_update_when_judged_then_failed_at_once(string state, string detail)
    {
        var verdict = ServiceConvergence.Judge(
            Service(state, "update paused due to failure"), [Task("a", "new", TaskState.Running), Task("b", "new", TaskState.Running)]);

        Assert.True(verdict.Failed);
        Assert.Equal(detail, verdict.Detail);
    }

    private static ServiceDetails Service(string? update, string? message = null) =>
        new("svc", "shop_api", 7, "api:v1", ServiceMode.Replicated, 2, update is null ? null : new ServiceUpdateStatus(update, message), null, [], new Dictionary<string, string>())
        {
            Spec = new SwarmServiceSpec { Json = "{}", Image = "api:v1", TaskDigest = "new" },
        };

    private static ServiceTask Task(string id, string digest, TaskState state, TaskState desired = TaskState.Running, string? error = null) =>
        new(id, id[0] - 'a' + 1, "node", desired, state, error, null, null) { SpecDigest = digest };
}
