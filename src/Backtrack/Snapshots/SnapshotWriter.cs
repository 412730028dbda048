using System.Text.Json;

namespace Backtrack.Snapshots;

/// <summary>Writes one snapshot's artifacts into its partial folder, then the manifest, then renames the folder into place.</summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly string partial;
    private readonly string final;
    private bool committed;

    internal SnapshotWriter(string partial, string final)
    {
        this.partial = partial;
        this.final = final;
    }

    /// <summary>Streams an artifact into the snapshot (file 0600) through <paramref name="produce"/>; size and sha256 come from the same pass.</summary>
    public async Task<SnapshotArtifact> WriteArtifactAsync(
        string path,
        string kind,
        IReadOnlyDictionary<string, string> attributes,
        Func<Stream, CancellationToken, Task> produce,
        IProgress<TransferProgress>? progress,
        CancellationToken ct)
    {
        var full = Path.Combine(partial, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!, SnapshotStore.DirectoryMode);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            BufferSize = 1 << 16,
            UnixCreateMode = SnapshotStore.FileMode,
        };
        await using var file = new FileStream(full, options);
        await using var metered = new MeteredStream(file, path, null, progress, leaveOpen: true);
        await produce(metered, ct).ConfigureAwait(false);
        await metered.FlushAsync(ct).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return new SnapshotArtifact(path, kind, metered.Count, metered.FinishHash(), attributes);
    }

    /// <summary>Writes manifest.json and makes the snapshot visible.</summary>
    public async Task CommitAsync(SnapshotManifest manifest, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = SnapshotStore.FileMode };
        await using (var file = new FileStream(Path.Combine(partial, SnapshotStore.ManifestFile), options))
        {
            await JsonSerializer.SerializeAsync(file, manifest, SnapshotStore.JsonOptions, ct).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        Directory.Move(partial, final);
        committed = true;
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }
    }
}
