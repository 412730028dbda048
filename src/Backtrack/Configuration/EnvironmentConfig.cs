namespace Backtrack.Configuration;

/// <summary>
/// One deployment environment: an engine, what runs on it (a Compose project, or a Swarm stack: see
/// <see cref="Backend"/>), and how to judge its services.
/// </summary>
/// <param name="Project">The name of what runs: the Compose project, or the Swarm stack when <see cref="Backend"/> is Swarm.</param>
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
    public Backend Backend { get; init; } = Backend.Compose;

    public PostgresConfig? Postgres { get; init; }

    public RedisConfig? Redis { get; init; }

    /// <summary>Services that write to the databases: stopped while they are restored.</summary>
    public IReadOnlyList<string> Writers { get; init; } = [];

    public GitConfig? Git { get; init; }

    public NotifyConfig Notify { get; init; } = new(null);

    public VerifyConfig Verify { get; init; } = VerifyConfig.Default;

    /// <summary>How 'deploy' and 'guard' watch a deploy.</summary>
    public GuardConfig Guard { get; init; } = GuardConfig.Default;

    /// <summary>Cleanup never removes the images of the current release or of this many last good releases.</summary>
    public int KeepReleases { get; init; } = 3;

    /// <summary>Variables and files whose values are secret besides those <see cref="Secrets.SecretNames"/> recognises.</summary>
    public SecretsConfig Secrets { get; init; } = SecretsConfig.None;

    /// <summary>Where the environment runs, for <c>backtrack --host NAME</c> from an operator's machine; null when it runs here.</summary>
    public HostConfig? Host { get; init; }

    public SnapshotConfig Snapshots { get; init; } = new(System.IO.Path.Combine(StateDirectory, "snapshots"), []);

    /// <summary>Refuses, in one line (exit 2), what works on Compose environments only so far.</summary>
    public void RequireCompose()
    {
        if (Backend is Backend.Swarm)
        {
            throw new BacktrackException(
                $"not supported on a swarm environment yet: environment '{Name}' runs stack '{Project}' (status, health, init, record, releases, rollback service|all, history and repair work on swarm; nothing was changed)");
        }
    }

    public ServiceConfig ServiceOrDefault(string name) =>
        Services.TryGetValue(name, out var service) ? service : new ServiceConfig(name, new ContainerHealthCheck());
}
