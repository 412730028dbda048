using System.Reflection;
using Backtrack.Engine;

namespace Backtrack.Tests.Targets;

/// <summary>
/// A swarm manager on node "id-a" holding one service per name (each with its tasks) and the containers of
/// those tasks; node IDs name their hosts ("id-b" is "node-b"); disposing is recorded. Any other call is refused.
/// </summary>
public class SwarmEngine : DispatchProxy
{
    private IReadOnlyList<(ServiceDetails Service, IReadOnlyList<ServiceTask> Tasks)> services = [];

    public IContainerEngine Engine => (IContainerEngine)(object)this;

    public bool Disposed { get; private set; }

    public static SwarmEngine Holding(params (ServiceDetails Service, IReadOnlyList<ServiceTask> Tasks)[] services)
    {
        var engine = (SwarmEngine)(object)Create<IContainerEngine, SwarmEngine>();
        engine.services = services;
        return engine;
    }

    public static ServiceDetails Service(string name) =>
        new("id-" + name, "shop_" + name, 1, name + ":v1", ServiceMode.Replicated, 1, null, null, [], new Dictionary<string, string>());

    public static ServiceTask RunningTask(string container, string node) =>
        new("task-" + container, 1, node, TaskState.Running, TaskState.Running, null, container, DateTimeOffset.UnixEpoch);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
    {
        nameof(IDisposable.Dispose) => Disposed = true,
        nameof(IServiceQueries.IsSwarmManagerAsync) => Task.FromResult(true),
        nameof(IServiceQueries.LocalNodeIdAsync) => Task.FromResult("id-a"),
        nameof(IServiceQueries.NodeHostnameAsync) => Task.FromResult(((string)args![0]!).Replace("id-", "node-", StringComparison.Ordinal)),
        nameof(IServiceQueries.ListServicesAsync) => Task.FromResult<IReadOnlyList<ServiceDetails>>(services.Select(s => s.Service).ToList()),
        nameof(IServiceQueries.ListTasksAsync) => Task.FromResult(services.First(s => s.Service.Id == (string)args![0]!).Tasks),
        nameof(IContainerQueries.InspectContainerAsync) => Task.FromResult<ContainerDetails?>(Backtrack.Tests.Engine.ScriptedEngine.Container(true, "running", (string)args![0]!)),
        _ => throw new NotSupportedException(targetMethod.Name),
    };
}
