namespace Backtrack.Snapshots.Offsite;

/// <summary>A destination directory on this machine (a mounted disk): folders 0700, files 0600, as the snapshot store's.</summary>
public sealed class LocalFolder(string root) : IOffsiteFolder
{
    public Task<long?> SizeAsync(string path, CancellationToken ct) =>
        Task.FromResult(new FileInfo(Full(path)) is { Exists: true } file ? file.Length : (long?)null);

    public async Task WriteAsync(string path, Stream content, CancellationToken ct)
    {
        var full = Full(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!, SnapshotStore.DirectoryMode);
        await using var output = new FileStream(full, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16, UnixCreateMode = SnapshotStore.FileMode,
        });
        await content.CopyToAsync(output, 1 << 16, ct).ConfigureAwait(false);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(Full(path), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan }));

    public Task RenameAsync(string from, string to, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Full(to))!, SnapshotStore.DirectoryMode);
        if (Directory.Exists(Full(from)))
        {
            Directory.Move(Full(from), Full(to));
        }
        else
        {
            File.Move(Full(from), Full(to));
        }

        return Task.CompletedTask;
    }

    public Task DeleteFileAsync(string path, CancellationToken ct)
    {
        // File.Delete throws when the folder above is missing too.
        if (File.Exists(Full(path)))
        {
            File.Delete(Full(path));
        }

        return Task.CompletedTask;
    }

    public Task DeleteTreeAsync(string path, CancellationToken ct)
    {
        if (Directory.Exists(Full(path)))
        {
            Directory.Delete(Full(path), recursive: true);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> FoldersAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(root) ? Directory.EnumerateDirectories(root).Select(d => Path.GetFileName(d)!).ToList() : []);

    public IOffsiteFolder Below(string name) => new LocalFolder(Full(name));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Full(string path) => Path.Combine(root, path);
}
