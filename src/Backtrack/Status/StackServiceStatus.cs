using Backtrack.Engine;
using Backtrack.Health;

namespace Backtrack.Status;

/// <summary>One service of a swarm stack in 'backtrack status' (null name: configured but not deployed).</summary>
public sealed record StackServiceStatus(
    string Service,
    string? Name,
    string? Image,
    ServiceMode? Mode,
    int Running,
    int Desired,
    ServiceUpdateStatus? Update,
    HealthResult Check,
    IReadOnlyList<StackTaskStatus> Tasks,
    IReadOnlyList<string> Problems)
{
    /// <summary>What the stack file names instead of the running image, with the pin that keeps it; null: no drift, or no stack file configured.</summary>
    public string? Drift { get; init; }

    public bool Healthy => Name is not null && Running >= Desired && Check.Healthy;
}
