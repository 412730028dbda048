using Backtrack.Engine;
using Backtrack.Verify;

namespace Backtrack.Tests.Verify;

public sealed class TaskRestartsTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Given_tasks_that_failed_before_the_window_or_were_shut_down_by_an_update_when_judged_then_it_passes()
    {
        var check = TaskRestarts.Judge("api", [Task(TaskState.Running, 5), Task(TaskState.Failed, -60), Task(TaskState.Shutdown, 1)], "new", Since, "5 min");

        Assert.True(check.Passed, check.Detail);
        Assert.Equal(("restarts", "api"), (check.Check, check.Subject));
    }

    [Fact]
    public void Given_tasks_that_failed_or_were_rejected_in_the_window_when_judged_then_it_fails_with_their_count()
    {
        var check = TaskRestarts.Judge("api", [Task(TaskState.Running, 30), Task(TaskState.Failed, 20), Task(TaskState.Rejected, 10)], "new", Since, "5 min");

        Assert.False(check.Passed);
        Assert.Equal("2 tasks failed and were replaced in the last 5 min", check.Detail);
    }

    [Fact]
    public void Given_a_task_of_the_spec_an_update_replaced_that_failed_in_the_window_when_judged_then_it_passes()
    {
        var check = TaskRestarts.Judge("worker", [Task(TaskState.Running, 5), Task(TaskState.Failed, 3, "old")], "new", Since, "10 s");

        Assert.True(check.Passed, check.Detail);
    }

    private static ServiceTask Task(TaskState state, int secondsAfterSince, string spec = "new") =>
        new(Guid.NewGuid().ToString("N"), 1, "node", state is TaskState.Running ? TaskState.Running : TaskState.Shutdown, state, null, null, Since.AddSeconds(secondsAfterSince))
        {
            SpecDigest = spec,
        };
}
