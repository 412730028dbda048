namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// Reads every file of a copy back from the destination and checks its size and sha256 against the
/// manifest's: what was uploaded is what arrived.
/// </summary>
public static class OffsiteCheck
{
    public static Task VerifyAsync(IOffsiteFolder folder, IEnumerable<OffsiteFile> files, Func<OffsiteFile, string> where, IProgress<TransferProgress>? progress, CancellationToken ct) =>
        Parallel.ForEachAsync(files, SnapshotCopier.Transfers(ct), (file, token) => new ValueTask(CheckAsync(folder, file, where(file), progress, token)));

    private static async Task CheckAsync(IOffsiteFolder folder, OffsiteFile file, string path, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var size = await folder.SizeAsync(path, ct).ConfigureAwait(false);
        if (size != file.Size)
        {
            throw new BacktrackException(size is null
                ? $"the copy is incomplete: {path} is missing at the destination"
                : $"the copy is damaged: {path} has {size} bytes at the destination, the manifest says {file.Size}");
        }

        await using var remote = await folder.OpenReadAsync(path, ct).ConfigureAwait(false);
        await using var metered = new MeteredStream(remote, "check " + path, file.Size, progress);
        await metered.CopyToAsync(Stream.Null, 1 << 16, ct).ConfigureAwait(false);
        if (metered.FinishHash() != file.Sha256)
        {
            throw new SnapshotDamagedException($"the copy is damaged: the sha256 of {path} at the destination differs from the manifest's");
        }
    }
}
