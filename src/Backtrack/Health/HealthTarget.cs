using Backtrack.Configuration;

namespace Backtrack.Health;

/// <summary>What to check: a service's configured check, run against one container.</summary>
public sealed record HealthTarget(string Service, string Container, HealthCheckSpec Check);
