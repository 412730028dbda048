using Backtrack.Engine;

namespace Backtrack.Status;

/// <summary>A service of the environment and the container that runs it now (null when none does).</summary>
public sealed record ServiceContainer(string Service, ContainerDetails? Container);
