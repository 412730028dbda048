using Backtrack.Configuration;

namespace Backtrack.Snapshots;

/// <summary>The environment's database sections, required where a command needs them (their containers: <see cref="Targets.IServiceContainers"/>).</summary>
public static class DatabaseContainers
{
    public static PostgresConfig PostgresConfig(EnvironmentConfig env) =>
        env.Postgres ?? throw new BacktrackException($"environment '{env.Name}' has no 'postgres' section in its configuration");

    public static RedisConfig RedisConfig(EnvironmentConfig env) =>
        env.Redis ?? throw new BacktrackException($"environment '{env.Name}' has no 'redis' section in its configuration");
}
