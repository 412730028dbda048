using Backtrack.Planning;
using Backtrack.Snapshots;

namespace Backtrack.Databases.Steps;

/// <summary>Checks the snapshot (checksums, pg_restore --list, redis-check-rdb) before anything is stopped.</summary>
[StepKind("snapshot.verify")]
public sealed record VerifySnapshotStep(int Wave, string Lane, string SnapshotId, SnapshotScope Scope) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"verify snapshot {SnapshotId}: sizes, sha256, pg_restore --list, redis-check-rdb";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = DatabaseStepSupport.Store(context);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        await new SnapshotVerifier(context.Containers)
            .VerifyAsync(context.Environment, store, manifest, Scope, deep: false, progress: null, ct).ConfigureAwait(false);
    }
}
