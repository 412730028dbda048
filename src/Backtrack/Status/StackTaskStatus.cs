using Backtrack.Engine;
using Backtrack.Health;

namespace Backtrack.Status;

/// <summary>One task of a swarm service in 'backtrack status': where it runs, its state and its container's check (null: not running).</summary>
public sealed record StackTaskStatus(
    string Id,
    long? Slot,
    string Node,
    TaskState DesiredState,
    TaskState State,
    string? Error,
    string? Container,
    DateTimeOffset? Since,
    HealthResult? Check);
