using System.Reflection;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Tests.Swarm;

public sealed class RemoveTaskContainersStepTests
{
    [Fact]
    public async Task Given_swarm_removed_a_task_container_meanwhile_then_the_others_are_removed_and_the_step_succeeds()
    {
        var engine = TaskHistoryEngine.Holding("gone", "kept");
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(IContainerEngine)] = engine.Engine });

        await new RemoveTaskContainersStep(1, "app", "id-app", "shop_app", TimeSpan.FromSeconds(1)).ApplyAsync(context, CancellationToken.None);

        Assert.Equal(["kept"], engine.Removed);
        Assert.Equal("id-app", engine.Filter![SwarmLabels.ServiceId]);
    }

    /// <summary>Stopped task containers; the first is already gone when removed. Any other call is refused.</summary>
    public class TaskHistoryEngine : DispatchProxy
    {
        private string[] ids = [];

        public IContainerEngine Engine => (IContainerEngine)(object)this;

        public List<string> Removed { get; } = [];

        public IReadOnlyDictionary<string, string?>? Filter { get; private set; }

        public static TaskHistoryEngine Holding(params string[] ids)
        {
            var engine = (TaskHistoryEngine)(object)Create<IContainerEngine, TaskHistoryEngine>();
            engine.ids = ids;
            return engine;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case nameof(IContainerQueries.ListContainersAsync):
                    Filter = (IReadOnlyDictionary<string, string?>)args![0]!;
                    return Task.FromResult<IReadOnlyList<ContainerSummary>>(
                        ids.Select(id => new ContainerSummary(id, id, "app", "sha256:0", "exited", DateTimeOffset.UnixEpoch, new Dictionary<string, string>())).ToList());
                case nameof(IContainerOperations.RemoveContainerAsync):
                    var id = (string)args![0]!;
                    if (id == ids[0])
                    {
                        return Task.FromException(new ContainerNotFoundException($"No such container: {id}"));
                    }

                    Removed.Add(id);
                    return Task.CompletedTask;
                default:
                    throw new NotSupportedException(targetMethod.Name);
            }
        }
    }
}
