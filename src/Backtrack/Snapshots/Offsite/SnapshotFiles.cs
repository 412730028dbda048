using System.Security.Cryptography;
using Backtrack.Volumes;
using Backtrack.Volumes.Files;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// Every file a snapshot copy consists of, by its manifest: the manifest and its checksum file, each
/// artifact, and the shared contents its incremental volume listings need (the listings are read from
/// <c>folder</c>, where the snapshot's own files are).
/// </summary>
public static class SnapshotFiles
{
    public static async Task<IReadOnlyList<OffsiteFile>> ListAsync(SnapshotManifest manifest, string folder, CancellationToken ct)
    {
        var files = new List<OffsiteFile>();
        foreach (var name in new[] { SnapshotStore.ManifestFile, SnapshotStore.ManifestChecksumFile })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
                files.Add(new OffsiteFile($"{manifest.Id}/{name}", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }
        }

        files.AddRange(manifest.Artifacts.Select(a => new OffsiteFile($"{manifest.Id}/{a.Path}", a.Size, a.Sha256)));
        foreach (var artifact in manifest.Artifacts.Where(a => a.Kind == SnapshotArtifact.VolumeFiles))
        {
            var listing = await SnapshotStore.ReadListingAsync(manifest, artifact, Path.Combine(folder, artifact.Path), ct).ConfigureAwait(false);
            files.AddRange(listing.Entries.Where(e => e is { Type: VolumeEntryType.File, Sha256: not null })
                .Select(e => new OffsiteFile(ContentStore.Name(e.Sha256!), e.Size, e.Sha256!)));
        }

        return files.DistinctBy(f => f.Path).ToList();
    }
}
