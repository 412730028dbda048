using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Status;

namespace Backtrack.Targets;

/// <summary>A Compose project's containers, all on the environment's one engine.</summary>
public sealed class ComposeServiceContainers(ProjectInspector inspector, IContainerEngine engine) : IServiceContainers
{
    public string ProjectLabel => ComposeLabels.Project;

    public Task<IReadOnlyList<ServiceContainer>> ServicesAsync(EnvironmentConfig env, CancellationToken ct) => inspector.ServicesAsync(env, ct);

    public async Task<LocatedContainer> RunningAsync(EnvironmentConfig env, string what, string service, CancellationToken ct)
    {
        var container = await inspector.RequireAsync(env, service, ct).ConfigureAwait(false);
        return container.State.Running
            ? new LocatedContainer(container, engine)
            : throw new BacktrackException($"{what} service '{service}' is not running ({container.Name} is {container.State.Status}); start it first");
    }

    public Task<IContainerEngine> NodeEngineAsync(EnvironmentConfig env, string service, string nodeId, CancellationToken ct) => Task.FromResult(engine);
}
