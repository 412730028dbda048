using Backtrack.Engine;

namespace Backtrack.Targets;

/// <summary>A service's container and the engine of the node it runs on (exec and archives go there).</summary>
public sealed record LocatedContainer(ContainerDetails Container, IContainerEngine Engine)
{
    /// <summary>The swarm node the container's task runs on (empty on Compose).</summary>
    public string NodeId { get; init; } = "";
}
