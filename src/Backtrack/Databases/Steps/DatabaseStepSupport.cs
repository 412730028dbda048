using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;
using Backtrack.Snapshots.Redis;

namespace Backtrack.Databases.Steps;

/// <summary>What the database steps build from their context at run time (never stored in a step: no secrets in plans).</summary>
internal static class DatabaseStepSupport
{
    public static PostgresClient Postgres(StepContext context, string container) =>
        new(context.Engine, container, Snapshots.DatabaseContainers.PostgresConfig(context.Environment));

    public static RedisClient Redis(StepContext context, string container) => new(context.Engine, container);

    public static SnapshotStore Store(StepContext context) => new(context.Environment.Snapshots.Directory);

    public static Task<SnapshotManifest> ManifestAsync(StepContext context, string snapshotId, CancellationToken ct) =>
        Store(context).LoadAsync(snapshotId, ct);
}
