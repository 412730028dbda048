namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// <c>snapshot copy ID --to DESTINATION</c>: a snapshot that verifies here is uploaded into
/// <c>.partial-ID</c> at the destination (shared contents into <c>content/</c>, only those not there yet),
/// every file is read back there and checked against the manifest, and only then is the folder renamed to
/// its ID: a copy that is listed is complete. A copy already at the destination is checked again.
/// </summary>
public sealed class SnapshotCopier(SnapshotStore store, IProgress<TransferProgress>? progress)
{
    public async Task<CopyResult> CopyAsync(SnapshotManifest manifest, IOffsiteFolder folder, CancellationToken ct)
    {
        await SnapshotVerifier.VerifyChecksumsAsync(store, manifest, progress, ct).ConfigureAwait(false);
        var files = await SnapshotFiles.ListAsync(manifest, store.PathOf(manifest.Id), ct).ConfigureAwait(false);
        if (await folder.SizeAsync($"{manifest.Id}/{SnapshotStore.ManifestFile}", ct).ConfigureAwait(false) is not null)
        {
            await OffsiteCheck.VerifyAsync(folder, files, f => f.Path, progress, ct).ConfigureAwait(false);
            return new CopyResult(manifest.Id, files.Count, 0, AlreadyThere: true);
        }

        var partial = SnapshotStore.PartialPrefix + manifest.Id;
        await folder.DeleteTreeAsync(partial, ct).ConfigureAwait(false);
        long uploaded = 0;
        await Parallel.ForEachAsync(files, Transfers(ct), async (file, token) =>
        {
            if (!file.IsShared || await folder.SizeAsync(file.Path, token).ConfigureAwait(false) != file.Size)
            {
                await UploadAsync(folder, file, Staged(file, partial), token).ConfigureAwait(false);
                Interlocked.Add(ref uploaded, file.Size);
            }
        }).ConfigureAwait(false);

        await OffsiteCheck.VerifyAsync(folder, files, f => Staged(f, partial), progress, ct).ConfigureAwait(false);
        await folder.RenameAsync(partial, manifest.Id, ct).ConfigureAwait(false);
        return new CopyResult(manifest.Id, files.Count, uploaded, AlreadyThere: false);
    }

    /// <summary>Files go in parallel: over sftp each small file costs round trips, not bandwidth.</summary>
    internal static ParallelOptions Transfers(CancellationToken ct) => new() { MaxDegreeOfParallelism = 8, CancellationToken = ct };

    /// <summary>The snapshot's own files go under the partial folder; shared contents straight to their content-addressed name.</summary>
    private static string Staged(OffsiteFile file, string partial) => file.IsShared ? file.Path : partial + file.Path[file.Path.IndexOf('/', StringComparison.Ordinal)..];

    private async Task UploadAsync(IOffsiteFolder folder, OffsiteFile file, string target, CancellationToken ct)
    {
        var local = Path.Combine(store.Directory, file.Path);
        await using var source = new FileStream(local, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        await using var metered = new MeteredStream(source, "copy " + file.Path, file.Size, progress);
        if (!file.IsShared)
        {
            await folder.WriteAsync(target, metered, ct).ConfigureAwait(false);
            return;
        }

        // A content file is written under a temporary name too: its name promises its sha256.
        var temporary = $"{ContentStore.FolderName}/.tmp-{Guid.NewGuid():N}";
        await folder.WriteAsync(temporary, metered, ct).ConfigureAwait(false);
        await folder.DeleteFileAsync(target, ct).ConfigureAwait(false);
        await folder.RenameAsync(temporary, target, ct).ConfigureAwait(false);
    }
}
