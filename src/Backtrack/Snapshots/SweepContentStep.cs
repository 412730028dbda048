using Backtrack.Planning;

namespace Backtrack.Snapshots;

/// <summary>
/// After prune: removes the shared volume contents no kept snapshot needs (found by scanning every kept
/// listing; an unreadable listing stops the sweep, removing nothing). Nothing to undo: no kept snapshot
/// loses a byte.
/// </summary>
[StepKind("snapshot.sweep-content")]
public sealed record SweepContentStep(int Wave) : PlanStep(Wave, "snapshots")
{
    public override string Describe() => "remove the volume contents no kept snapshot needs";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        var needed = await ContentReferences.ScanAsync(store, ct).ConfigureAwait(false);
        store.Content.Sweep(needed.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
