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

    /// <summary>A swarm environment's stack file and env file, when configured: what drift and pin compare and write.</summary>
    public StackFileConfig? StackFile { get; init; }

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
    public RemoteHostConfig? RemoteHost { get; init; }

    public SnapshotConfig Snapshots { get; init; } = new(System.IO.Path.Combine(StateDirectory, "snapshots"), []);

    /// <summary>
    /// The hosts that each run the environment's Compose project (as Kamal does); empty for one engine
    /// (<see cref="Engine"/>). With hosts, status, health, record and rollback work on all of them at once.
    /// </summary>
    public IReadOnlyList<HostConfig> Hosts { get; init; } = [];

    /// <summary>This environment as it is on one host: the host's engine and project, its own services' settings over the environment's.</summary>
    public EnvironmentConfig OnHost(string host, string engine, string project)
    {
        var own = Hosts.FirstOrDefault(h => h.Name == host)?.Services ?? new Dictionary<string, ServiceConfig>();
        var services = Services.Where(s => !own.ContainsKey(s.Key)).Concat(own).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return this with { Engine = engine, Project = project, Services = services, Hosts = [] };
    }

    /// <summary>Refuses, in one line (exit 2), what works on one engine only so far.</summary>
    public void RequireSingleHost(string command)
    {
        if (Hosts.Count > 0)
        {
            throw new BacktrackException(
                $"'{command}' does not work on an environment with hosts: yet: environment '{Name}' runs on {string.Join(", ", Hosts.Select(h => h.Name))} "
                + "(status, health, record, releases, rollback service|all, history and repair work on all hosts; nothing was changed)");
        }
    }

    /// <summary>A swarm's other nodes by hostname: the engine address (ssh://, tcp://) that reaches the tasks running there.</summary>
    public IReadOnlyDictionary<string, string> Nodes { get; init; } = new Dictionary<string, string>();

    /// <summary>Refuses, in one line (exit 2), what works on Compose environments only so far; INSTEAD says why and what to use on a swarm.</summary>
    public void RequireCompose(string? instead = null)
    {
        if (Backend is Backend.Swarm)
        {
            throw new BacktrackException(
                $"not supported on a swarm environment yet: environment '{Name}' runs stack '{Project}' "
                + (instead is null
                    ? "(status, health, init, record, releases, rollback service|all|db|full, pin, guard, deploy, logs, versions, report, cleanup, fix memory, snapshot create|list|verify|prune|copy|cleanup, verify, history, repair and serve work on swarm; nothing was changed)"
                    : $"({instead}; nothing was changed)"));
        }
    }

    public ServiceConfig ServiceOrDefault(string name) =>
        Services.TryGetValue(name, out var service) ? service : new ServiceConfig(name, new ContainerHealthCheck());
}
