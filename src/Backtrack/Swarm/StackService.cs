using Backtrack.Engine;

namespace Backtrack.Swarm;

/// <summary>A service of a stack by its stack-file name, with what the engine says of it (null: not deployed) and its tasks.</summary>
public sealed record StackService(string Service, ServiceDetails? Details, IReadOnlyList<ServiceTask> Tasks);
