namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// A folder snapshots are copied into or fetched from: a local directory or an sftp directory. Paths are
/// relative, with '/' between segments.
/// </summary>
public interface IOffsiteFolder : IAsyncDisposable
{
    /// <summary>A file's size, or null when there is none.</summary>
    Task<long?> SizeAsync(string path, CancellationToken ct);

    /// <summary>Writes a file, creating the folders above it.</summary>
    Task WriteAsync(string path, Stream content, CancellationToken ct);

    Task<Stream> OpenReadAsync(string path, CancellationToken ct);

    /// <summary>Renames a file or folder, creating the folders above the target, which must not exist.</summary>
    Task RenameAsync(string from, string to, CancellationToken ct);

    /// <summary>Removes a file; nothing when it is not there.</summary>
    Task DeleteFileAsync(string path, CancellationToken ct);

    /// <summary>Removes a folder with everything in it; nothing when it is not there.</summary>
    Task DeleteTreeAsync(string path, CancellationToken ct);

    /// <summary>The names of the folders directly inside.</summary>
    Task<IReadOnlyList<string>> FoldersAsync(CancellationToken ct);

    /// <summary>The folder <paramref name="name"/> inside this one, on the same connection (which this folder keeps and closes).</summary>
    IOffsiteFolder Below(string name);
}
