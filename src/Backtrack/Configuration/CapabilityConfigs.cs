namespace Backtrack.Configuration;

/// <summary>
/// The Postgres the environment runs in a container. The password comes from an env var or a file, never the
/// command line. Compression is pg_dump's level (0-9) for snapshots: 1 by default, as level 1 dumped in less
/// than half the time of pg_dump's default (6) for a tenth more size (bench/db.sh), and restores no slower.
/// </summary>
public sealed record PostgresConfig(string Service, string User, IReadOnlyList<string> Databases, string? PasswordEnv, string? PasswordFile, int Compression = 1)
{
    public bool AllDatabases => Databases is ["all"];
}

/// <summary>The Redis the environment runs in a container.</summary>
public sealed record RedisConfig(string Service);

/// <summary>The deployment repository and how a rollback of it is deployed.</summary>
public sealed record GitConfig(
    string Path,
    string Remote,
    string Branch,
    IReadOnlyList<string> ProtectedBranches,
    string? RedeployCommand,
    TimeSpan RedeployTimeout);

/// <summary>
/// Where notifications go: a Slack-compatible webhook whose URL is read from the named environment variable,
/// PagerDuty, email. Each channel gets at most <see cref="Timeout"/> per message.
/// </summary>
public sealed record NotifyConfig(string? WebhookUrlEnv)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public PagerDutyConfig? PagerDuty { get; init; }

    public EmailConfig? Email { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}

/// <summary>The post-rollback checklist's settings.</summary>
public sealed record VerifyConfig(IReadOnlyList<string> ErrorPatterns, TimeSpan RestartWindow, IReadOnlyList<string> PostgresQueries)
{
    public static readonly VerifyConfig Default = new(["ERROR", "FATAL", "panic", "Traceback", "Exception"], TimeSpan.FromSeconds(10), []);
}

/// <summary>
/// Where snapshots are kept, which config files (env files, ...) a full snapshot takes, where each new
/// snapshot is copied (a directory or sftp:// URL) and the ssh key and known_hosts an sftp copy uses.
/// </summary>
public sealed record SnapshotConfig(string Directory, IReadOnlyList<string> ConfigPaths)
{
    public string? CopyTo { get; init; }

    public string? IdentityFile { get; init; }

    public string? KnownHosts { get; init; }
}
