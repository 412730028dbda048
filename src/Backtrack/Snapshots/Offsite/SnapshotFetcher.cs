using System.Text.Json;
using Backtrack.Serialization;

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
        var newest = id is null ? await NewestAsync(folder, wanted, where, ct).ConfigureAwait(false) : null;
        id ??= newest!.Id;
        if (!File.Exists(Path.Combine(store.PathOf(id), SnapshotStore.ManifestFile)))
        {
            var remote = newest ?? await ReadManifestAsync(folder, id, where, ct).ConfigureAwait(false)
                ?? throw new BacktrackException($"no snapshot {id} at {where}; 'ls' the destination for the IDs copied there");
            await DownloadAsync(folder, remote, where, ct).ConfigureAwait(false);
        }

        var manifest = await store.LoadAsync(id, ct).ConfigureAwait(false);
        await SnapshotVerifier.VerifyChecksumsAsync(store, manifest, progress, ct).ConfigureAwait(false);
        return manifest;
    }

    private async Task DownloadAsync(IOffsiteFolder folder, RemoteManifest remote, string where, CancellationToken ct)
    {
        var id = remote.Id;
        var partial = Path.Combine(store.Directory, SnapshotStore.PartialPrefix + id);
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial, SnapshotStore.DirectoryMode);
        var content = store.Content;
        var complete = false;
        try
        {
            await WriteAsync(Path.Combine(partial, SnapshotStore.ManifestFile), remote.Bytes, ct).ConfigureAwait(false);
            if (await folder.SizeAsync($"{id}/{SnapshotStore.ManifestChecksumFile}", ct).ConfigureAwait(false) is not null)
            {
                await CopyDownAsync(folder, $"{id}/{SnapshotStore.ManifestChecksumFile}", Path.Combine(partial, SnapshotStore.ManifestChecksumFile), ct).ConfigureAwait(false);
            }

            foreach (var artifact in remote.Manifest.Artifacts)
            {
                await CopyDownAsync(folder, $"{id}/{artifact.Path}", Path.Combine(partial, artifact.Path), ct).ConfigureAwait(false);
            }

            var files = await SnapshotFiles.ListAsync(remote.Manifest, partial, ct).ConfigureAwait(false);
            await Parallel.ForEachAsync(files.Where(f => f.IsShared && !content.Has(f.Sha256, f.Size)), SnapshotCopier.Transfers(ct), async (file, token) =>
                await AddContentAsync(folder, content, file, where, token).ConfigureAwait(false)).ConfigureAwait(false);

            Directory.Move(partial, store.PathOf(id));
            complete = true;
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            if (!complete)
            {
                content.RemoveAdded();
            }
        }
    }

    /// <summary>Through the store, which names a content by the sha256 of the bytes that arrived: a damaged copy never enters under the name it claims.</summary>
    private async Task AddContentAsync(IOffsiteFolder folder, ContentStore content, OffsiteFile file, string where, CancellationToken ct)
    {
        await using var remote = await folder.OpenReadAsync(file.Path, ct).ConfigureAwait(false);
        await using var metered = new MeteredStream(remote, "fetch " + file.Path, file.Size, progress);
        var (sha256, _) = await content.AddAsync(metered, ct).ConfigureAwait(false);
        metered.FinishHash();
        if (sha256 != file.Sha256)
        {
            throw new SnapshotDamagedException($"the copy at {where} is damaged: the sha256 of {file.Path} differs from its name; copy the snapshot there again");
        }
    }

    private async Task CopyDownAsync(IOffsiteFolder folder, string path, string local, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!, SnapshotStore.DirectoryMode);
        await using var remote = await folder.OpenReadAsync(path, ct).ConfigureAwait(false);
        await using var metered = new MeteredStream(remote, "fetch " + path, null, progress);
        await using var output = Create(local);
        await metered.CopyToAsync(output, 1 << 16, ct).ConfigureAwait(false);
        metered.FinishHash();
    }

    private static async Task WriteAsync(string local, byte[] bytes, CancellationToken ct)
    {
        await using var output = Create(local);
        await output.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private static FileStream Create(string local) => new(local, new FileStreamOptions
    {
        Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16, UnixCreateMode = SnapshotStore.FileMode,
    });

    /// <summary>The manifest of snapshot <paramref name="id"/> at the destination, or null when there is none.</summary>
    private static async Task<RemoteManifest?> ReadManifestAsync(IOffsiteFolder folder, string id, string where, CancellationToken ct)
    {
        var path = $"{id}/{SnapshotStore.ManifestFile}";
        if (await folder.SizeAsync(path, ct).ConfigureAwait(false) is null)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        await using (var file = await folder.OpenReadAsync(path, ct).ConfigureAwait(false))
        {
            await file.CopyToAsync(bytes, ct).ConfigureAwait(false);
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), SnapshotStore.JsonOptions.TypeInfo<SnapshotManifest>())
                ?? throw new BacktrackException($"{where}/{path} is empty");
            return new RemoteManifest(id, bytes.ToArray(), manifest);
        }
        catch (JsonException e)
        {
            throw new BacktrackException($"{where}/{path} is not a valid manifest: {e.Message}");
        }
    }

    /// <summary>Snapshot IDs sort by time: the newest first, until one is wanted.</summary>
    private static async Task<RemoteManifest> NewestAsync(IOffsiteFolder folder, Func<SnapshotManifest, bool> wanted, string where, CancellationToken ct)
    {
        var ids = (await folder.FoldersAsync(ct).ConfigureAwait(false))
            .Where(n => !n.StartsWith('.') && n != ContentStore.FolderName).Order(StringComparer.Ordinal).Reverse();
        foreach (var id in ids)
        {
            if (await ReadManifestAsync(folder, id, where, ct).ConfigureAwait(false) is { } remote && wanted(remote.Manifest))
            {
                return remote;
            }
        }

        throw new BacktrackException($"no suitable snapshot at {where}; copy one there with 'backtrack snapshot copy ID --to {where}'");
    }
}
