using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Volumes;

namespace Backtrack.FullSystem.Steps;

/// <summary>
/// Replaces a volume exactly with the snapshot's archive, or its listing and shared contents (removed,
/// created again with its labels, filled through a parked container): files the newer release added do
/// not survive. The archive or listing is checked first.
/// </summary>
[StepKind("full.replace-volume")]
public sealed record ReplaceVolumeStep(int Wave, string Lane, string SnapshotId, string Volume, string HelperImage) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"replace volume {Volume} exactly with its copy in snapshot {SnapshotId}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        var volume = manifest.Volumes?.FirstOrDefault(v => v.Name == Volume) ?? throw new BacktrackException($"snapshot {SnapshotId} has no volume {Volume}");
        var artifact = manifest.Artifact(volume.Artifact);
        var transfer = new VolumeTransfer(context.Engine, HelperImage);
        var target = new VolumeInfo(volume.Name, "local", volume.Labels);
        if (artifact.Kind == SnapshotArtifact.VolumeFiles)
        {
            var listing = await store.LoadListingAsync(manifest, artifact, ct).ConfigureAwait(false);
            await transfer.ReplaceAsync(target, listing, store.Content, artifact.Path, ct).ConfigureAwait(false);
        }
        else
        {
            await transfer.ReplaceAsync(target, store.PathOf(manifest, artifact), ct).ConfigureAwait(false);
        }
    }
}
