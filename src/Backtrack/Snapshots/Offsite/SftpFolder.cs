using Renci.SshNet;
using Renci.SshNet.Common;

namespace Backtrack.Snapshots.Offsite;

/// <summary>
/// A destination directory on an sftp server (SSH.NET's <see cref="SftpClient"/>, connected by <see cref="SftpConnector"/>);
/// the folder that made the connection closes it, a folder <see cref="Below"/> it only borrows it.
/// </summary>
public sealed class SftpFolder(SftpClient client, string root, bool ownsConnection = true) : IOffsiteFolder
{
    // Folders known to exist: a snapshot has thousands of files in a few folders, each check a round trip.
    private readonly HashSet<string> folders = [];
    private readonly SemaphoreSlim folderGate = new(1, 1);

    public async Task<long?> SizeAsync(string path, CancellationToken ct)
    {
        try
        {
            var attributes = await client.GetAttributesAsync(Full(path), ct).ConfigureAwait(false);
            return attributes.IsRegularFile ? attributes.Size : null;
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken ct)
    {
        await CreateFoldersAsync(Path.GetDirectoryName(Full(path))!, ct).ConfigureAwait(false);
        await client.UploadFileAsync(content, Full(path), ct).ConfigureAwait(false);
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken ct) =>
        await client.OpenAsync(Full(path), FileMode.Open, FileAccess.Read, ct).ConfigureAwait(false);

    public async Task RenameAsync(string from, string to, CancellationToken ct)
    {
        await CreateFoldersAsync(Path.GetDirectoryName(Full(to))!, ct).ConfigureAwait(false);
        await client.RenameFileAsync(Full(from), Full(to), ct).ConfigureAwait(false);
    }

    public async Task DeleteFileAsync(string path, CancellationToken ct)
    {
        if (await client.ExistsAsync(Full(path), ct).ConfigureAwait(false))
        {
            await client.DeleteFileAsync(Full(path), ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteTreeAsync(string path, CancellationToken ct)
    {
        if (!await client.ExistsAsync(Full(path), ct).ConfigureAwait(false))
        {
            return;
        }

        await DeleteRecursiveAsync(Full(path), ct).ConfigureAwait(false);
        folders.RemoveWhere(f => f == Full(path) || f.StartsWith(Full(path) + "/", StringComparison.Ordinal));
    }

    public async Task<IReadOnlyList<string>> FoldersAsync(CancellationToken ct)
    {
        var names = new List<string>();
        if (!await client.ExistsAsync(root, ct).ConfigureAwait(false))
        {
            return names;
        }

        await foreach (var entry in client.ListDirectoryAsync(root, ct).ConfigureAwait(false))
        {
            if (entry.IsDirectory && entry.Name is not ("." or ".."))
            {
                names.Add(entry.Name);
            }
        }

        return names;
    }

    public IOffsiteFolder Below(string name) => new SftpFolder(client, Full(name), ownsConnection: false);

    public ValueTask DisposeAsync()
    {
        if (ownsConnection)
        {
            client.Dispose();
        }

        folderGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Full(string path) => root + "/" + path;

    /// <summary>mkdir -p, one caller at a time (writes run in parallel).</summary>
    private async Task CreateFoldersAsync(string folder, CancellationToken ct)
    {
        await folderGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await CreateFolderAsync(folder, ct).ConfigureAwait(false);
        }
        finally
        {
            folderGate.Release();
        }
    }

    /// <summary>sftp creates one level at a time.</summary>
    private async Task CreateFolderAsync(string folder, CancellationToken ct)
    {
        if (folder is "" or "/" || folders.Contains(folder))
        {
            return;
        }

        if (!await client.ExistsAsync(folder, ct).ConfigureAwait(false))
        {
            await CreateFolderAsync(Path.GetDirectoryName(folder)!, ct).ConfigureAwait(false);
            await client.CreateDirectoryAsync(folder, ct).ConfigureAwait(false);
        }

        folders.Add(folder);
    }

    private async Task DeleteRecursiveAsync(string folder, CancellationToken ct)
    {
        await foreach (var entry in client.ListDirectoryAsync(folder, ct).ConfigureAwait(false))
        {
            if (entry.Name is "." or "..")
            {
                continue;
            }

            if (entry.IsDirectory)
            {
                await DeleteRecursiveAsync(entry.FullName, ct).ConfigureAwait(false);
            }
            else
            {
                await client.DeleteFileAsync(entry.FullName, ct).ConfigureAwait(false);
            }
        }

        await client.DeleteDirectoryAsync(folder, ct).ConfigureAwait(false);
    }
}
