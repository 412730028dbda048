namespace Backtrack.Configuration;

public sealed record ServiceConfig(string Name, HealthCheckSpec Health, ServiceGuardConfig? Guard = null);
