namespace Backtrack.Engine;

/// <summary>One task of a swarm service: where it runs, what swarm wants of it and what it is, and its container.</summary>
public sealed record ServiceTask(
    string Id,
    long? Slot,
    string NodeId,
    TaskState DesiredState,
    TaskState State,
    string? Error,
    string? ContainerId,
    DateTimeOffset? Timestamp)
{
    /// <summary>The digest of the task's own spec: equal to the service's <see cref="SwarmServiceSpec.TaskDigest"/> when it runs that spec.</summary>
    public string? SpecDigest { get; init; }
}
