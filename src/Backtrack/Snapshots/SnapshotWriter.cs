using System.Security.Cryptography;
using System.Text.Json;
using Backtrack.Serialization;

namespace Backtrack.Snapshots;

/// <summary>Writes one snapshot's artifacts into its partial folder, then the manifest, then renames the folder into place.</summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly string partial;
    private readonly string final;
    private bool committed;

    internal SnapshotWriter(string partial, string final, ContentStore content)
    {
        this.partial = partial;
        this.final = final;
        Content = content;
    }

    /// <summary>The shared content store, as this snapshot adds to it: what it added goes again if the snapshot is not committed.</summary>
    public ContentStore Content { get; }

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
            BufferSize = 1 << 20,
            UnixCreateMode = SnapshotStore.FileMode,
        };
        await using var file = new FileStream(full, options);
        await using var metered = new MeteredStream(file, path, null, progress, leaveOpen: true);
        await produce(metered, ct).ConfigureAwait(false);
        await metered.FlushAsync(ct).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return new SnapshotArtifact(path, kind, metered.Count, metered.FinishHash(), attributes);
    }

    /// <summary>
    /// The full path an artifact is written to by a producer that writes files itself (a volume export);
    /// the caller records the artifact with the size and sha256 it computed.
    /// </summary>
    public string PathFor(string path)
    {
        var full = Path.Combine(partial, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!, SnapshotStore.DirectoryMode);
        return full;
    }

    /// <summary>Writes manifest.json and its sha256 (manifest.sha256), then makes the snapshot visible.</summary>
    public async Task CommitAsync(SnapshotManifest manifest, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, SnapshotStore.JsonOptions.TypeInfo<SnapshotManifest>());
        await WriteFileAsync(SnapshotStore.ManifestFile, bytes, ct).ConfigureAwait(false);
        await WriteFileAsync(SnapshotStore.ManifestChecksumFile, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\n"), ct)
            .ConfigureAwait(false);
        Directory.Move(partial, final);
        committed = true;
    }

    private async Task WriteFileAsync(string name, byte[] bytes, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = SnapshotStore.FileMode };
        await using var file = new FileStream(Path.Combine(partial, name), options);
        await file.WriteAsync(bytes, ct).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        if (committed)
        {
            return;
        }

        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Content.RemoveAdded();
    }
}
