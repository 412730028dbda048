using Backtrack.Configuration;
using Backtrack.Snapshots.Postgres;
using Backtrack.Snapshots.Redis;
using Backtrack.Targets;

namespace Backtrack.Snapshots;

/// <summary>
/// Takes a database snapshot: per Postgres database a pg_dump -Fc inside an exported snapshot (row counts
/// from the same snapshot), the globals, and Redis's dump.rdb (and AOF directory) after a completed
/// BGSAVE; everything streamed into the store with sizes and checksums, the manifest written last.
/// </summary>
public sealed class SnapshotCreator(IServiceContainers containers, TimeProvider clock)
{
    private static readonly TimeSpan SaveTimeout = TimeSpan.FromMinutes(30);

    public async Task<SnapshotManifest> CreateAsync(
        EnvironmentConfig env, string id, string kind, SnapshotScope scope, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        if ((scope.HasFlag(SnapshotScope.Postgres) && env.Postgres is null && scope != SnapshotScope.Databases)
            || (scope.HasFlag(SnapshotScope.Redis) && env.Redis is null && scope != SnapshotScope.Databases)
            || (env.Postgres is null && env.Redis is null))
        {
            throw new BacktrackException($"environment '{env.Name}' configures no {Describe(scope)} to snapshot (sections 'postgres', 'redis')");
        }

        var store = new SnapshotStore(env.Snapshots.Directory);
        using var writer = store.Begin(id);
        var artifacts = new List<SnapshotArtifact>();
        var (postgres, redis) = await WriteDatabasesAsync(env, scope, writer, artifacts, progress, ct).ConfigureAwait(false);
        var manifest = new SnapshotManifest(SnapshotManifest.CurrentFormat, id, kind, env.Name, env.Project, clock.GetUtcNow(), artifacts, postgres, redis);
        await writer.CommitAsync(manifest, ct).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Dumps the configured databases of the scope into a snapshot being written (also part of a full snapshot).</summary>
    public async Task<(PostgresSnapshot? Postgres, RedisSnapshot? Redis)> WriteDatabasesAsync(
        EnvironmentConfig env, SnapshotScope scope, SnapshotWriter writer, List<SnapshotArtifact> artifacts, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var postgres = scope.HasFlag(SnapshotScope.Postgres) && env.Postgres is { } pg
            ? await SnapshotPostgresAsync(env, pg, writer, artifacts, progress, ct).ConfigureAwait(false)
            : null;
        var redis = scope.HasFlag(SnapshotScope.Redis) && env.Redis is { } rd
            ? await SnapshotRedisAsync(env, rd, writer, artifacts, progress, ct).ConfigureAwait(false)
            : null;
        return (postgres, redis);
    }

    public static string Describe(SnapshotScope scope) => scope switch
    {
        SnapshotScope.Postgres => "postgres",
        SnapshotScope.Redis => "redis",
        _ => "databases",
    };

    private async Task<PostgresSnapshot> SnapshotPostgresAsync(
        EnvironmentConfig env, PostgresConfig config, SnapshotWriter writer, List<SnapshotArtifact> artifacts, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var (container, engine) = await containers.RunningAsync(env, "postgres", config.Service, ct).ConfigureAwait(false);
        var client = new PostgresClient(engine, container.Id, config);
        var (version, number) = await client.ServerVersionAsync(ct).ConfigureAwait(false);
        var names = config.AllDatabases ? await client.UserDatabasesAsync(ct).ConfigureAwait(false) : config.Databases;
        artifacts.Add(await writer.WriteArtifactAsync(
            "postgres/globals.sql", SnapshotArtifact.PostgresGlobals, new Dictionary<string, string>(), client.DumpGlobalsAsync, progress, ct).ConfigureAwait(false));

        var databases = new List<PostgresDatabaseSnapshot>();
        foreach (var name in names)
        {
            var (owner, encoding, collate, ctype) = await client.PropertiesAsync(name, ct).ConfigureAwait(false);
            await using var session = await client.OpenSnapshotSessionAsync(name, ct).ConfigureAwait(false);
            var path = $"postgres/{Uri.EscapeDataString(name)}.dump";
            // The counts read the dump's own snapshot: they are taken while pg_dump runs, on another CPU.
            var counting = session.QueryAsync(PostgresSql.RowCounts, ct);
            try
            {
                artifacts.Add(await writer.WriteArtifactAsync(
                    path,
                    SnapshotArtifact.PostgresDump,
                    new Dictionary<string, string> { ["database"] = name },
                    (stream, token) => client.DumpAsync(name, session.SnapshotId, stream, token),
                    progress,
                    ct).ConfigureAwait(false));
            }
            catch
            {
                await Task.WhenAny(counting).ConfigureAwait(false);
                throw;
            }

            var counts = PostgresClient.ParseRowCounts(await counting.ConfigureAwait(false));
            databases.Add(new PostgresDatabaseSnapshot(name, owner, encoding, collate, ctype, path, counts));
        }

        return new PostgresSnapshot(config.Service, container.ImageId, version, number, databases);
    }

    private async Task<RedisSnapshot> SnapshotRedisAsync(
        EnvironmentConfig env, RedisConfig config, SnapshotWriter writer, List<SnapshotArtifact> artifacts, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var (container, engine) = await containers.RunningAsync(env, "redis", config.Service, ct).ConfigureAwait(false);
        var client = new RedisClient(engine, container.Id);
        var version = (await client.InfoAsync("server", ct).ConfigureAwait(false)).GetValueOrDefault("redis_version", "?");
        var directory = await client.ConfigAsync("dir", ct).ConfigureAwait(false);
        var dbFilename = await client.ConfigAsync("dbfilename", ct).ConfigureAwait(false);
        var appendOnly = await client.ConfigAsync("appendonly", ct).ConfigureAwait(false) == "yes";
        var appendDirName = appendOnly ? await client.ConfigAsync("appenddirname", ct).ConfigureAwait(false) : "appendonlydir";

        await client.SaveAsync(SaveTimeout, ct).ConfigureAwait(false);
        var keys = await client.KeyCountAsync(ct).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> owner = new Dictionary<string, string>();
        var rdb = await writer.WriteArtifactAsync(
            "redis/" + dbFilename,
            SnapshotArtifact.RedisRdb,
            new Dictionary<string, string>(),
            async (stream, token) => owner = await RedisFiles.CopyFileOutAsync(engine, container.Id, $"{directory}/{dbFilename}", stream, token).ConfigureAwait(false),
            progress,
            ct).ConfigureAwait(false);
        artifacts.Add(rdb with { Attributes = owner });
        if (appendOnly)
        {
            artifacts.Add(await writer.WriteArtifactAsync(
                $"redis/{appendDirName}.tar",
                SnapshotArtifact.RedisAof,
                new Dictionary<string, string>(),
                (stream, token) => RedisFiles.CopyDirectoryOutAsync(engine, container.Id, $"{directory}/{appendDirName}", stream, token),
                progress,
                ct).ConfigureAwait(false));
        }

        return new RedisSnapshot(config.Service, container.ImageId, version, directory, dbFilename, appendOnly, appendDirName, keys);
    }
}
