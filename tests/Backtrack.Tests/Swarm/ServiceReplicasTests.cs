using Backtrack.Engine;
using Backtrack.Swarm;

namespace Backtrack.Tests.Swarm;

public sealed class ServiceReplicasTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Given_tasks_in_every_state_when_counted_then_only_those_wanted_and_running_run()
    {
        ServiceTask[] tasks =
        [
            Task("a", 1, TaskState.Running, TaskState.Running),
            Task("b", 2, TaskState.Running, TaskState.Starting),
            Task("c", 3, TaskState.Shutdown, TaskState.Running),
            Task("d", 3, TaskState.Running, TaskState.Pending),
            Task("e", 1, TaskState.Shutdown, TaskState.Shutdown),
        ];

        Assert.Equal(1, ServiceReplicas.Running(tasks));
        Assert.Equal(["a", "b", "d"], ServiceReplicas.Current(tasks).Select(t => t.Id));
    }

    [Fact]
    public void Given_a_replicated_and_a_global_service_when_desired_then_replicas_or_one_task_per_scheduled_node()
    {
        ServiceTask[] tasks = [Task("a", null, TaskState.Running, TaskState.Running, node: "n1"), Task("b", null, TaskState.Running, TaskState.Pending, node: "n2"), Task("c", null, TaskState.Shutdown, TaskState.Failed, node: "n2")];

        Assert.Equal(3, ServiceReplicas.Desired(Service(ServiceMode.Replicated, 3), tasks));
        Assert.Equal(2, ServiceReplicas.Desired(Service(ServiceMode.Global, null), tasks));
        Assert.Equal(0, ServiceReplicas.Desired(Service(ServiceMode.ReplicatedJob, null), tasks));
    }

    [Fact]
    public void Given_a_slot_without_a_running_task_when_asked_why_then_its_newest_error_is_named_and_running_slots_are_not()
    {
        ServiceTask[] tasks =
        [
            Task("old1", 1, TaskState.Shutdown, TaskState.Failed, "exec format error", at: T0),
            Task("new1", 1, TaskState.Shutdown, TaskState.Rejected, "no such image", at: T0.AddSeconds(5)),
            Task("pending1", 1, TaskState.Running, TaskState.Pending, at: T0.AddSeconds(6)),
            Task("failed2", 2, TaskState.Shutdown, TaskState.Failed, "exit 1", at: T0),
            Task("running2", 2, TaskState.Running, TaskState.Running, at: T0.AddSeconds(1)),
        ];

        Assert.Equal(["slot 1: task new1 rejected: no such image"], ServiceReplicas.ShortSlots(tasks));
    }

    private static ServiceTask Task(string id, long? slot, TaskState desired, TaskState state, string? error = null, string node = "node1", DateTimeOffset? at = null) =>
        new(id, slot, node, desired, state, error, state == TaskState.Running ? "c-" + id : null, at ?? T0);

    private static ServiceDetails Service(ServiceMode mode, ulong? replicas) =>
        new("id", "shop_web", 7, "web:v1", mode, replicas, null, null, [], new Dictionary<string, string>());
}
