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
    public bool Healthy => Name is not null && Running >= Desired && Check.Healthy;
}
