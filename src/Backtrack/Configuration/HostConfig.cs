namespace Backtrack.Configuration;

/// <summary>
/// One host of an environment that runs on several (<see cref="EnvironmentConfig.Hosts"/>): its engine, its
/// Compose project (null: the environment's) and the services it judges differently (a health URL on
/// another port), each replacing the environment's setting of that service on this host.
/// </summary>
public sealed record HostConfig(string Name, string Engine, string? Project, IReadOnlyDictionary<string, ServiceConfig> Services);
