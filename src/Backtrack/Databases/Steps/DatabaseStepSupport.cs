using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;
using Backtrack.Snapshots.Redis;

namespace Backtrack.Databases.Steps;

/// <summary>What the database steps build from their context at run time (never stored in a step: no secrets in plans).</summary>
internal static class DatabaseStepSupport
{
    /// <summary>
    /// A client of the Postgres service's running container, through the engine of the node its task runs on
    /// (swarm; Compose: the one engine): found again at run time, since swarm may have replaced the task planned with.
    /// </summary>
    public static async Task<PostgresClient> PostgresAsync(StepContext context, CancellationToken ct)
    {
        var config = DatabaseContainers.PostgresConfig(context.Environment);
        var located = await context.Containers.RunningAsync(context.Environment, "postgres", config.Service, ct).ConfigureAwait(false);
        return new(located.Engine, located.Container.Id, config);
    }

    /// <summary>
    /// A client of the Redis service's running container, through the engine of its node: found again at run
    /// time, since on a swarm the task restored into is a new one.
    /// </summary>
    public static async Task<RedisClient> RedisAsync(StepContext context, CancellationToken ct)
    {
        var config = DatabaseContainers.RedisConfig(context.Environment);
        var located = await context.Containers.RunningAsync(context.Environment, "redis", config.Service, ct).ConfigureAwait(false);
        return new(located.Engine, located.Container.Id);
    }

    /// <summary>Drops a database if it exists, ending its sessions.</summary>
    public static async Task DropAsync(StepContext context, string database, CancellationToken ct) =>
        await DropAsync(await PostgresAsync(context, ct).ConfigureAwait(false), database, ct).ConfigureAwait(false);

    public static Task DropAsync(PostgresClient client, string database, CancellationToken ct) =>
        client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"DROP DATABASE IF EXISTS {PostgresSql.Identifier(database)} WITH (FORCE)", ct);

    /// <summary>The store, manifest and Redis part of a snapshot that must hold Redis files.</summary>
    public static async Task<(SnapshotStore Store, SnapshotManifest Manifest, RedisSnapshot Redis)> RedisFilesAsync(StepContext context, string snapshotId, CancellationToken ct)
    {
        var store = Store(context);
        var manifest = await store.LoadAsync(snapshotId, ct).ConfigureAwait(false);
        return (store, manifest, manifest.Redis ?? throw new BacktrackException($"snapshot {snapshotId} has no Redis files"));
    }

    public static SnapshotStore Store(StepContext context) => new(context.Environment.Snapshots.Directory);

    public static Task<SnapshotManifest> ManifestAsync(StepContext context, string snapshotId, CancellationToken ct) =>
        Store(context).LoadAsync(snapshotId, ct);
}
