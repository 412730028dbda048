using System.Collections.Concurrent;
using Backtrack.Volumes;
using Backtrack.Volumes.Files;

namespace Backtrack.Snapshots;

/// <summary>
/// Verifies an incremental volume snapshot: its listing's paths and links stay inside the volume, and
/// every content file it needs is there with its size and sha256. A damaged content file is named with
/// every snapshot that needs it, since all of them share it.
/// </summary>
public static class ContentVerifier
{
    public static async Task VerifyAsync(SnapshotStore store, SnapshotManifest manifest, VolumeSnapshot volume, SnapshotArtifact artifact, CancellationToken ct)
    {
        var listing = await store.LoadListingAsync(manifest, artifact, ct).ConfigureAwait(false);
        try
        {
            ListingArchive.Validate(listing, VolumeTransfer.Root, artifact.Path);
        }
        catch (UnsafeArchiveException e)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {e.Message}");
        }

        var content = store.Content;
        var damaged = new ConcurrentBag<string>();
        var files = listing.Entries.Where(e => e is { Type: VolumeEntryType.File, Sha256: not null }).DistinctBy(e => e.Sha256).ToList();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, async (file, token) =>
        {
            if (!await content.MatchesAsync(file.Sha256!, file.Size, token).ConfigureAwait(false))
            {
                damaged.Add(file.Sha256!);
            }
        }).ConfigureAwait(false);
        if (damaged.IsEmpty)
        {
            return;
        }

        var needing = await ContentReferences.ScanAsync(store, ct).ConfigureAwait(false);
        var snapshots = damaged.SelectMany(h => needing.GetValueOrDefault(h) ?? []).Distinct().Order(StringComparer.Ordinal);
        var named = damaged.Order(StringComparer.Ordinal).Take(3)
            .Select(h => $"{ContentStore.Name(h)} ({string.Join(", ", listing.Entries.Where(e => e.Sha256 == h).Select(e => e.Path).Take(3))})");
        throw new SnapshotDamagedException(
            $"snapshot {manifest.Id} is damaged: {damaged.Count} content file(s) of volume {volume.Name} are missing or differ from their sha256: {string.Join(", ", named)}; "
            + $"snapshots needing them: {string.Join(", ", snapshots)}");
    }
}
