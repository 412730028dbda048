using System.Reflection;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Swarm.Steps;

namespace Backtrack.Tests.Swarm;

public sealed class ScaleServiceStepTests
{
    [Fact]
    public async Task Its_undo_scaling_back_up_returns_only_once_the_new_task_runs()
    {
        var engine = StartingEngine.After(polls: 2);
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(IContainerEngine)] = engine.Engine });
        var step = new ScaleServiceStep(1, "redis", "id-redis", "shop_redis", 0, 1, TimeSpan.FromSeconds(5));

        await step.CompensateAsync(context, CancellationToken.None);

        Assert.Equal(1UL, engine.Replicas);
        Assert.Equal(3, engine.Polls);
    }

    [Fact]
    public async Task A_task_that_never_starts_fails_the_scale_up_after_the_timeout()
    {
        var engine = StartingEngine.After(polls: int.MaxValue);
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(IContainerEngine)] = engine.Engine });
        var step = new ScaleServiceStep(1, "redis", "id-redis", "shop_redis", 0, 1, TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<BacktrackException>(() => step.CompensateAsync(context, CancellationToken.None));

        Assert.Equal("service shop_redis runs 0 tasks 0.5 s after it was scaled to 1", error.Message);
    }

    /// <summary>A service whose tasks run as asked only after some polls of its tasks. Any other call is refused.</summary>
    public class StartingEngine : DispatchProxy
    {
        private int startsAfter;

        public IContainerEngine Engine => (IContainerEngine)(object)this;

        public ulong Replicas { get; private set; }

        public int Polls { get; private set; }

        public static StartingEngine After(int polls)
        {
            var engine = (StartingEngine)(object)Create<IContainerEngine, StartingEngine>();
            engine.startsAfter = polls;
            return engine;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case nameof(IServiceOperations.ScaleServiceAsync):
                    Replicas = (ulong)args![1]!;
                    return Task.CompletedTask;
                case nameof(IServiceQueries.ListTasksAsync):
                    var running = Polls++ >= startsAfter ? (int)Replicas : 0;
                    return Task.FromResult<IReadOnlyList<ServiceTask>>(
                        Enumerable.Range(0, running).Select(i => new ServiceTask($"task-{i}", i + 1, "id-a", TaskState.Running, TaskState.Running, null, $"c{i}", DateTimeOffset.UnixEpoch)).ToList());
                default:
                    throw new NotSupportedException(targetMethod.Name);
            }
        }
    }
}
