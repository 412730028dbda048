using Backtrack.Configuration;
using Backtrack.Status;

namespace Backtrack.Targets;

/// <summary>
/// Where the containers of an environment's services are, whatever runs them: a Compose project's
/// containers, or a swarm stack's running tasks' containers, each reached through the engine of its node.
/// Databases, snapshots, volumes and verify find containers here only.
/// </summary>
public interface IServiceContainers
{
    /// <summary>The label naming the project (Compose) or stack (swarm) on its containers and volumes.</summary>
    string ProjectLabel { get; }

    /// <summary>Every configured or running service with its current containers (none: one entry with no container).</summary>
    Task<IReadOnlyList<ServiceContainer>> ServicesAsync(EnvironmentConfig env, CancellationToken ct);

    /// <summary>
    /// The one running container of SERVICE (WHAT names its role in messages: postgres, redis) and the
    /// engine that reaches it; refused in one line, before anything changes, when there is none or several.
    /// </summary>
    Task<LocatedContainer> RunningAsync(EnvironmentConfig env, string what, string service, CancellationToken ct);

    /// <summary>
    /// The engine of a node (swarm: by its node ID, as <see cref="NodeEngineChoice"/> picks it; Compose: the one
    /// engine), for what reaches a service's node while it runs no task (a volume written while it is scaled to 0).
    /// </summary>
    Task<Engine.IContainerEngine> NodeEngineAsync(EnvironmentConfig env, string service, string nodeId, CancellationToken ct);
}
