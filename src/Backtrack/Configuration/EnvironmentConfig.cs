namespace Backtrack.Configuration;

/// <summary>One deployment environment: an engine, a Compose project on it, and how to judge its services.</summary>
public sealed record EnvironmentConfig(
    string Name,
    string? Engine,
    string Project,
    string StateDirectory,
    TimeSpan HealthTimeout,
    TimeSpan StopTimeout,
    int KeepAside,
    IReadOnlyDictionary<string, ServiceConfig> Services)
{
    public ServiceConfig ServiceOrDefault(string name) =>
        Services.TryGetValue(name, out var service) ? service : new ServiceConfig(name, new ContainerHealthCheck());
}
