using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Status;

namespace Backtrack.Snapshots;

/// <summary>The running containers of the environment's database services.</summary>
public static class DatabaseContainers
{
    public static PostgresConfig PostgresConfig(EnvironmentConfig env) =>
        env.Postgres ?? throw new BacktrackException($"environment '{env.Name}' has no 'postgres' section in its configuration");

    public static RedisConfig RedisConfig(EnvironmentConfig env) =>
        env.Redis ?? throw new BacktrackException($"environment '{env.Name}' has no 'redis' section in its configuration");

    /// <summary>The service's one container, which must be running: a clear error otherwise, before anything changes.</summary>
    public static async Task<ContainerDetails> RunningAsync(ProjectInspector inspector, EnvironmentConfig env, string what, string service, CancellationToken ct)
    {
        var container = await inspector.RequireAsync(env, service, ct).ConfigureAwait(false);
        return container.State.Running
            ? container
            : throw new BacktrackException($"{what} service '{service}' is not running ({container.Name} is {container.State.Status}); start it first");
    }
}
