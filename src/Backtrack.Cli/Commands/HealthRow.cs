namespace Backtrack.Cli.Commands;

/// <summary>One row of 'backtrack health' (its JSON in camelCase: host where there are hosts, service, container, check, healthy, detail, latencyMs).</summary>
internal sealed record HealthRow(string Service, string? Container, string Check, bool Healthy, string Detail, double? LatencyMs)
{
    /// <summary>The host of an environment with hosts: null (and left out of the JSON) otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }
}
