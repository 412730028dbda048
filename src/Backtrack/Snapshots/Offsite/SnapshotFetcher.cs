using System.Text.Json;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// <c>rollback full|db --from DESTINATION[/ID]</c>: brings a copied snapshot back into the local store —
/// its own files into <c>.partial-ID</c>, the shared contents the store lacks into <c>content/</c>, renamed
/// into place when all are there — and verifies it as <c>snapshot verify</c> does before anything trusts it.
/// A snapshot already in the store is not fetched again, only verified.
/// </summary>
public sealed class SnapshotFetcher(SnapshotStore store, IProgress<TransferProgress>? progress)
{
    /// <summary>The snapshot <paramref name="id"/>, or when null the newest at the destination that <paramref name="wanted"/> accepts.</summary>
    public async Task<SnapshotManifest> FetchAsync(IOffsiteFolder folder, string? id, Func<SnapshotManifest, bool> wanted, string where, CancellationToken ct)
    {
        id ??= await NewestAsync(folder, wanted, where, ct).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(store.PathOf(id), SnapshotStore.ManifestFile)))
        {
            await DownloadAsync(folder, id, where, ct).ConfigureAwait(false);
        }

        var manifest = await store.LoadAsync(id, ct).ConfigureAwait(false);
        await SnapshotVerifier.VerifyChecksumsAsync(store, manifest, progress, ct).ConfigureAwait(false);
        return manifest;
    }

    private async Task DownloadAsync(IOffsiteFolder folder, string id, string where, CancellationToken ct)
    {
        if (await folder.SizeAsync($"{id}/{SnapshotStore.ManifestFile}", ct).ConfigureAwait(false) is null)
        {
            throw new BacktrackException($"no snapshot {id} at {where}; 'ls' the destination for the IDs copied there");
        }

        var partial = Path.Combine(store.Directory, SnapshotStore.PartialPrefix + id);
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial, SnapshotStore.DirectoryMode);
        try
        {
            var manifest = await ReadManifestAsync(folder, id, where, ct).ConfigureAwait(false);
            await CopyDownAsync(folder, $"{id}/{SnapshotStore.ManifestFile}", Path.Combine(partial, SnapshotStore.ManifestFile), ct).ConfigureAwait(false);
            if (await folder.SizeAsync($"{id}/{SnapshotStore.ManifestChecksumFile}", ct).ConfigureAwait(false) is not null)
            {
                await CopyDownAsync(folder, $"{id}/{SnapshotStore.ManifestChecksumFile}", Path.Combine(partial, SnapshotStore.ManifestChecksumFile), ct).ConfigureAwait(false);
            }

            foreach (var artifact in manifest.Artifacts)
            {
                await CopyDownAsync(folder, $"{id}/{artifact.Path}", Path.Combine(partial, artifact.Path), ct).ConfigureAwait(false);
            }

            var files = await SnapshotFiles.ListAsync(manifest, partial, ct).ConfigureAwait(false);
            await Parallel.ForEachAsync(files.Where(f => f.IsShared && !store.Content.Has(f.Sha256, f.Size)), SnapshotCopier.Transfers(ct), async (content, token) =>
            {
                // Under a temporary name in the store's content folder: a content file's name promises its sha256.
                var temporary = Path.Combine(store.Content.Directory, $".tmp-{Guid.NewGuid():N}");
                await CopyDownAsync(folder, content.Path, temporary, token).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(store.Content.PathOf(content.Sha256))!, SnapshotStore.DirectoryMode);
                File.Move(temporary, store.Content.PathOf(content.Sha256), overwrite: true);
            }).ConfigureAwait(false);

            Directory.Move(partial, store.PathOf(id));
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }

    private async Task CopyDownAsync(IOffsiteFolder folder, string path, string local, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!, SnapshotStore.DirectoryMode);
        await using var remote = await folder.OpenReadAsync(path, ct).ConfigureAwait(false);
        await using var metered = new MeteredStream(remote, "fetch " + path, null, progress);
        await using var output = new FileStream(local, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16, UnixCreateMode = SnapshotStore.FileMode,
        });
        await metered.CopyToAsync(output, 1 << 16, ct).ConfigureAwait(false);
        metered.FinishHash();
    }

    private static async Task<SnapshotManifest> ReadManifestAsync(IOffsiteFolder folder, string id, string where, CancellationToken ct)
    {
        await using var file = await folder.OpenReadAsync($"{id}/{SnapshotStore.ManifestFile}", ct).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync<SnapshotManifest>(file, SnapshotStore.JsonOptions, ct).ConfigureAwait(false)
                ?? throw new BacktrackException($"{where}/{id}/{SnapshotStore.ManifestFile} is empty");
        }
        catch (JsonException e)
        {
            throw new BacktrackException($"{where}/{id}/{SnapshotStore.ManifestFile} is not a valid manifest: {e.Message}");
        }
    }

    /// <summary>Snapshot IDs sort by time: the newest first, until one is wanted.</summary>
    private static async Task<string> NewestAsync(IOffsiteFolder folder, Func<SnapshotManifest, bool> wanted, string where, CancellationToken ct)
    {
        var ids = (await folder.FoldersAsync(ct).ConfigureAwait(false))
            .Where(n => !n.StartsWith('.') && n != ContentStore.FolderName).Order(StringComparer.Ordinal).Reverse();
        foreach (var id in ids)
        {
            if (await folder.SizeAsync($"{id}/{SnapshotStore.ManifestFile}", ct).ConfigureAwait(false) is not null
                && wanted(await ReadManifestAsync(folder, id, where, ct).ConfigureAwait(false)))
            {
                return id;
            }
        }

        throw new BacktrackException($"no suitable snapshot at {where}; copy one there with 'backtrack snapshot copy ID --to {where}'");
    }
}
