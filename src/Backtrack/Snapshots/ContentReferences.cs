namespace Backtrack.Snapshots;

/// <summary>
/// Reference counting of shared volume contents, by scanning manifests: which snapshots need each
/// content hash. Prune removes only what no kept snapshot needs; verify names every snapshot a damaged
/// content file would take down.
/// </summary>
public static class ContentReferences
{
    /// <summary>For each content hash, the IDs of the complete snapshots whose listings need it (newest first). Throws when a listing cannot be read.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ScanAsync(SnapshotStore store, CancellationToken ct)
    {
        var needs = new List<(string Snapshot, IEnumerable<string> Hashes)>();
        foreach (var manifest in await store.ListAsync(ct).ConfigureAwait(false))
        {
            foreach (var artifact in manifest.Artifacts.Where(a => a.Kind == SnapshotArtifact.VolumeFiles))
            {
                var listing = await store.LoadListingAsync(manifest, artifact, ct).ConfigureAwait(false);
                needs.Add((manifest.Id, listing.ContentHashes));
            }
        }

        return Index(needs);
    }

    /// <summary>Inverts (snapshot, hashes it needs) into hash → snapshots needing it, each snapshot once, in the given order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Index(IEnumerable<(string Snapshot, IEnumerable<string> Hashes)> needs)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (snapshot, hashes) in needs)
        {
            foreach (var hash in hashes)
            {
                var snapshots = index.TryGetValue(hash, out var list) ? list : index[hash] = [];
                if (!snapshots.Contains(snapshot))
                {
                    snapshots.Add(snapshot);
                }
            }
        }

        return index.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
    }
}
