using System.Collections.Concurrent;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Targets;

/// <summary>
/// A swarm stack's running tasks' containers. A database service must run exactly one task; its
/// container is reached through the engine of the node it runs on (<see cref="NodeEngineChoice"/>), each
/// configured node's engine opened once through the same factory as the environment's and disposed with this.
/// </summary>
public sealed class SwarmServiceContainers(StackInspector stack, IContainerEngine engine, Func<string, IContainerEngine> openEngine)
    : IServiceContainers, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IContainerEngine>> nodeEngines = new(StringComparer.Ordinal);

    public string ProjectLabel => SwarmLabels.Stack;

    /// <summary>The running tasks' containers on the engine's own node (a service with none there has no container).</summary>
    public async Task<IReadOnlyList<ServiceContainer>> ServicesAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var localNode = await engine.LocalNodeIdAsync(ct).ConfigureAwait(false);
        var rows = new List<ServiceContainer>();
        foreach (var service in await stack.ServicesAsync(env, ct).ConfigureAwait(false))
        {
            var containers = new List<ContainerDetails>();
            foreach (var task in RunningTasks(service).Where(t => t.NodeId == localNode))
            {
                if (await engine.InspectContainerAsync(task.ContainerId!, ct).ConfigureAwait(false) is { } container)
                {
                    containers.Add(container);
                }
            }

            rows.AddRange(containers.Count == 0 ? [new ServiceContainer(service.Service, null)] : containers.Select(c => new ServiceContainer(service.Service, c)));
        }

        return rows;
    }

    public async Task<LocatedContainer> RunningAsync(EnvironmentConfig env, string what, string service, CancellationToken ct)
    {
        var services = await stack.ServicesAsync(env, ct).ConfigureAwait(false);
        var found = services.FirstOrDefault(s => s.Service == service && s.Details is not null)
            ?? throw new BacktrackException(
                $"unknown service '{service}' in stack '{env.Project}'; deployed: {string.Join(", ", services.Where(s => s.Details is not null).Select(s => s.Service))}");
        var task = RunningTasks(found) switch
        {
            [var one] => one,
            [] => throw new BacktrackException($"{what} service '{service}' runs no task; deploy or scale it first"),
            var many => throw new BacktrackException(
                $"{what} service '{service}' runs {many.Count} tasks; Backtrack reaches a database through its one task: scale it to 1 replica"),
        };
        var nodeEngine = await NodeEngineAsync(env, service, task.NodeId, ct).ConfigureAwait(false);
        var container = await nodeEngine.InspectContainerAsync(task.ContainerId!, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"{what} service '{service}': the container of its task {task.Id} is gone; try again once swarm has replaced it");
        return new LocatedContainer(container, nodeEngine) { NodeId = task.NodeId };
    }

    public async Task<IContainerEngine> NodeEngineAsync(EnvironmentConfig env, string service, string nodeId, CancellationToken ct)
    {
        var localNode = await engine.LocalNodeIdAsync(ct).ConfigureAwait(false);
        var hostname = nodeId == localNode ? "" : await engine.NodeHostnameAsync(nodeId, ct).ConfigureAwait(false);
        var address = NodeEngineChoice.Choose(env, service, nodeId, localNode, hostname);
        return address is null ? engine : nodeEngines.GetOrAdd(address, a => new Lazy<IContainerEngine>(() => openEngine(a))).Value;
    }

    public void Dispose()
    {
        foreach (var opened in nodeEngines.Values.Where(l => l.IsValueCreated))
        {
            opened.Value.Dispose();
        }
    }

    private static IReadOnlyList<ServiceTask> RunningTasks(StackService service) =>
        service.Tasks.Where(t => t.DesiredState == TaskState.Running && t.State == TaskState.Running && t.ContainerId is not null).ToList();
}
