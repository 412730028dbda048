namespace Backtrack.Configuration;

/// <summary>A service's own choice of guard signals (services.NAME.guard); null keeps the environment's. Its Prometheus query is its own, beside the environment's.</summary>
public sealed record ServiceGuardConfig(bool? Health, bool? Events, int? ErrorLinesPerMinute, PrometheusConfig? Prometheus = null);
