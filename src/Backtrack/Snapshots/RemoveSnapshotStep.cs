using Backtrack.Planning;

namespace Backtrack.Snapshots;

/// <summary>Removes one snapshot that retention let go. It cannot be undone: prune asks first.</summary>
[StepKind("snapshot.remove")]
public sealed record RemoveSnapshotStep(int Wave, string SnapshotId, string SnapshotKind, DateTimeOffset CreatedAt) : PlanStep(Wave, "snapshots")
{
    public override string Describe() => $"remove snapshot {SnapshotId} ({SnapshotKind}, {CreatedAt:yyyy-MM-dd HH:mm:ss} UTC)";

    public override Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        if (System.IO.Directory.Exists(store.PathOf(SnapshotId)))
        {
            store.Delete(SnapshotId);
        }

        return Task.CompletedTask;
    }
}
