using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Volumes;

namespace Backtrack.FullSystem.Steps;

/// <summary>
/// Replaces a volume exactly with the snapshot's archive (removed, created again with its labels, filled
/// through a parked container): files the newer release added do not survive. The archive is checked first.
/// </summary>
[StepKind("full.replace-volume")]
public sealed record ReplaceVolumeStep(int Wave, string Lane, string SnapshotId, string Volume, string HelperImage) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"replace volume {Volume} exactly with its archive in snapshot {SnapshotId}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        var volume = manifest.Volumes?.FirstOrDefault(v => v.Name == Volume) ?? throw new BacktrackException($"snapshot {SnapshotId} has no volume {Volume}");
        await new VolumeTransfer(context.Engine, HelperImage)
            .ReplaceAsync(new VolumeInfo(volume.Name, "local", volume.Labels), store.PathOf(manifest, manifest.Artifact(volume.Artifact)), ct)
            .ConfigureAwait(false);
    }
}
