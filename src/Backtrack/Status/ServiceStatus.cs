using Backtrack.Health;

namespace Backtrack.Status;

/// <summary>One row of 'backtrack status'.</summary>
public sealed record ServiceStatus(
    string Service,
    string? Container,
    string State,
    string? Image,
    string? ImageId,
    string? DockerHealth,
    HealthResult Check,
    TimeSpan? Uptime,
    int RestartCount,
    IReadOnlyList<string> Problems,
    string? Drift)
{
    public bool Healthy => State == "running" && Check.Healthy && Problems.Count == 0;
}
