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
    /// <summary>The host the service runs on, in an environment with hosts; null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    public bool Healthy => State == "running" && Check.Healthy && Problems.Count == 0;
}
