namespace Backtrack.Reports;

/// <summary>How long a service had no healthy container: from the old container's stop to the end of the new one's passing gate.</summary>
public sealed record ServiceDowntime(string Service, TimeSpan? Downtime, string Measured);
