namespace Backtrack.Cli.Commands;

/// <summary>One row of 'backtrack health' (its JSON in camelCase: service, container, check, healthy, detail, latencyMs).</summary>
internal sealed record HealthRow(string Service, string? Container, string Check, bool Healthy, string Detail, double? LatencyMs);
