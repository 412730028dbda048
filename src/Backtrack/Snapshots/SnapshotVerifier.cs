using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Snapshots.Postgres;
using Backtrack.Snapshots.Redis;
using Backtrack.Targets;
using Backtrack.Volumes;

namespace Backtrack.Snapshots;

/// <summary>
/// Checks a snapshot before anything trusts it: every artifact's size and sha256; each dump's table of
/// contents (pg_restore --list) and the RDB file (redis-check-rdb) inside the database containers; with
/// deep, each dump restored into a scratch database whose row counts must equal the manifest's.
/// Throws on the first problem; returns what was checked.
/// </summary>
public sealed class SnapshotVerifier(IServiceContainers containers)
{
    public static async Task VerifyChecksumsAsync(SnapshotStore store, SnapshotManifest manifest, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        await store.VerifyManifestChecksumAsync(manifest, ct).ConfigureAwait(false);
        foreach (var artifact in manifest.Artifacts)
        {
            var path = store.PathOf(manifest, artifact);
            var length = File.Exists(path) ? new FileInfo(path).Length : -1;
            if (length < 0)
            {
                throw new SnapshotDamagedException($"snapshot {manifest.Id} is incomplete: {artifact.Path} is missing");
            }

            if (length != artifact.Size)
            {
                throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {artifact.Path} has {length} bytes, the manifest says {artifact.Size} (truncated?)");
            }

            await using var file = store.OpenArtifact(manifest, artifact);
            await using var metered = new MeteredStream(file, "verify " + artifact.Path, artifact.Size, progress);
            var volume = manifest.Volumes?.FirstOrDefault(v => v.Artifact == artifact.Path);
            var files = volume is null || artifact.Kind == SnapshotArtifact.VolumeFiles ? null : await ReadVolumeFilesAsync(manifest, artifact, metered, ct).ConfigureAwait(false);
            await metered.CopyToAsync(Stream.Null, 1 << 16, ct).ConfigureAwait(false);
            if (metered.FinishHash() != artifact.Sha256)
            {
                throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: the sha256 of {artifact.Path} differs from the manifest's");
            }

            if (volume is not null && files is not null)
            {
                CompareFiles(manifest, volume, files);
                await ValidateArchiveAsync(manifest, store.PathOf(manifest, artifact), ct).ConfigureAwait(false);
            }
            else if (volume is not null)
            {
                await ContentVerifier.VerifyAsync(store, manifest, volume, artifact, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Each file inside a volume archive, hashed in the same pass as the archive itself.</summary>
    private static async Task<IReadOnlyList<ArchivedFile>> ReadVolumeFilesAsync(SnapshotManifest manifest, SnapshotArtifact artifact, Stream archive, CancellationToken ct)
    {
        try
        {
            return await VolumeTransfer.ListFilesAsync(archive, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {artifact.Path} is not a readable tar archive ({e.Message})");
        }
    }

    private static void CompareFiles(SnapshotManifest manifest, VolumeSnapshot volume, IReadOnlyList<ArchivedFile> files)
    {
        var expected = volume.Files.ToDictionary(f => f.Path);
        var differing = files.Where(f => !expected.TryGetValue(f.Path, out var e) || e != f).Select(f => f.Path)
            .Concat(volume.Files.Select(f => f.Path).Except(files.Select(f => f.Path)))
            .ToList();
        if (differing.Count > 0)
        {
            throw new SnapshotDamagedException(
                $"snapshot {manifest.Id} is damaged: files of volume {volume.Name} differ from the manifest's: {string.Join(", ", differing.Take(5))}");
        }
    }

    private static async Task ValidateArchiveAsync(SnapshotManifest manifest, string path, CancellationToken ct)
    {
        try
        {
            await VolumeTransfer.ValidateAsync(path, ct).ConfigureAwait(false);
        }
        catch (UnsafeArchiveException e)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {e.Message}");
        }
    }

    public async Task<IReadOnlyList<string>> VerifyAsync(
        EnvironmentConfig env, SnapshotStore store, SnapshotManifest manifest, SnapshotScope scope, bool deep, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var checks = new List<string>();
        await VerifyChecksumsAsync(store, manifest, progress, ct).ConfigureAwait(false);
        checks.Add($"{manifest.Artifacts.Count} artifacts: sizes and sha256 match");

        if (scope.HasFlag(SnapshotScope.Postgres) && manifest.Postgres is { } postgres)
        {
            var config = DatabaseContainers.PostgresConfig(env);
            var (container, engine) = await containers.RunningAsync(env, "postgres", config.Service, ct).ConfigureAwait(false);
            var client = new PostgresClient(engine, container.Id, config);
            foreach (var database in postgres.Databases)
            {
                var artifact = manifest.Artifact(database.Artifact);
                await using (var dump = store.OpenArtifact(manifest, artifact))
                {
                    var entries = await ListAsync(client, manifest, artifact, dump, ct).ConfigureAwait(false);
                    checks.Add($"{artifact.Path}: pg_restore --list reads {entries} entries");
                }

                if (deep)
                {
                    checks.Add(await RestoreIntoScratchAsync(client, store, manifest, database, artifact, ct).ConfigureAwait(false));
                }
            }
        }

        if (scope.HasFlag(SnapshotScope.Redis) && manifest.Redis is { } redis)
        {
            var config = DatabaseContainers.RedisConfig(env);
            var (container, engine) = await containers.RunningAsync(env, "redis", config.Service, ct).ConfigureAwait(false);
            var artifact = manifest.Artifacts.First(a => a.Kind == SnapshotArtifact.RedisRdb);
            checks.Add(await CheckRdbAsync(engine, store, manifest, artifact, container.Id, redis.Keys, ct).ConfigureAwait(false));
        }

        return checks;
    }

    private static async Task<int> ListAsync(PostgresClient client, SnapshotManifest manifest, SnapshotArtifact artifact, Stream dump, CancellationToken ct)
    {
        try
        {
            return await client.ListArchiveAsync(dump, ct).ConfigureAwait(false);
        }
        catch (BacktrackException e)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {artifact.Path} cannot be read by pg_restore: {e.Message}");
        }
    }

    private static async Task<string> RestoreIntoScratchAsync(
        PostgresClient client, SnapshotStore store, SnapshotManifest manifest, PostgresDatabaseSnapshot database, SnapshotArtifact artifact, CancellationToken ct)
    {
        var scratch = PostgresSql.VerifyName(database.Name);
        var drop = $"DROP DATABASE IF EXISTS {PostgresSql.Identifier(scratch)} WITH (FORCE)";
        await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, drop, ct).ConfigureAwait(false);
        await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"CREATE DATABASE {PostgresSql.Identifier(scratch)} TEMPLATE template0", ct)
            .ConfigureAwait(false);
        try
        {
            await using (var dump = store.OpenArtifact(manifest, artifact))
            {
                await client.RestoreAsync(scratch, dump, ct).ConfigureAwait(false);
            }

            var counts = await client.RowCountsAsync(scratch, ct).ConfigureAwait(false);
            RowCountCheck.Require(database.Name, database.RowCounts, counts);
            return $"{artifact.Path}: restored into a scratch database, {counts.Count} tables, {counts.Values.Sum()} rows as in the manifest";
        }
        finally
        {
            await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, drop, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>redis-check-rdb inside the Redis container, on a copy put into its /tmp and removed after.</summary>
    private static async Task<string> CheckRdbAsync(
        IContainerEngine engine, SnapshotStore store, SnapshotManifest manifest, SnapshotArtifact artifact, string container, long keys, CancellationToken ct)
    {
        var name = $"backtrack-check-{Guid.NewGuid():N}.rdb";
        await using (var rdb = store.OpenArtifact(manifest, artifact))
        {
            await RedisFiles.PutFileAsync(engine, container, "/tmp", name, rdb, artifact.Attributes, ct).ConfigureAwait(false);
        }

        try
        {
            var result = await engine.ExecAsync(container, ["redis-check-rdb", "/tmp/" + name], TimeSpan.FromMinutes(30), ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var detail = (result.Stdout + result.Stderr).Split('\n').LastOrDefault(l => l.Contains("rdb", StringComparison.OrdinalIgnoreCase))?.Trim();
                throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: redis-check-rdb rejects {artifact.Path}: {detail}");
            }

            return $"{artifact.Path}: redis-check-rdb OK ({keys} keys in the manifest)";
        }
        finally
        {
            await engine.ExecAsync(container, ["rm", "-f", "/tmp/" + name], TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
