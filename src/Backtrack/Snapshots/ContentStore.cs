using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Backtrack.Snapshots;

/// <summary>
/// File contents shared by incremental volume snapshots, named by their sha256 (content/ab/abcdef..., 0600):
/// a file unchanged across N snapshots is stored once. Written to a temporary name and renamed when complete;
/// removed by <see cref="Sweep"/>, with the set of hashes the kept snapshots still need, or, when the
/// snapshot adding them fails, by <see cref="RemoveAdded"/>.
/// </summary>
public sealed class ContentStore(string directory)
{
    private readonly ConcurrentBag<string> added = [];

    public const string FolderName = "content";
    private const string TemporaryPrefix = ".tmp-";
    private const int CopyBuffer = 1 << 20;

    public string Directory { get; } = directory;

    public string PathOf(string sha256) => Path.Combine(Directory, RequireHash(sha256)[..2], sha256);

    /// <summary>The content's path relative to the snapshot directory, as messages name it.</summary>
    public static string Name(string sha256) => $"{FolderName}/{sha256[..2]}/{sha256}";

    /// <summary>True when the content is stored with the expected size (its hash is checked by verify, not here).</summary>
    public bool Has(string sha256, long size) => new FileInfo(PathOf(sha256)) is { Exists: true } file && file.Length == size;

    public FileStream Open(string sha256) =>
        new(PathOf(sha256), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan });

    /// <summary>Copies a file in, hashing as it streams; content already stored is kept as it is. Returns the sha256 and the bytes read.</summary>
    public async Task<(string Sha256, long Size)> AddAsync(string source, CancellationToken ct)
    {
        await using var input = new FileStream(source, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, BufferSize = 0, Options = FileOptions.SequentialScan });
        return await AddAsync(input, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies a stream in (a file, or a fetched copy's content), hashing as it streams: what is stored is named by
    /// the sha256 of the bytes that arrived, never by what a listing claims. Returns the sha256 and the bytes read.
    /// </summary>
    public async Task<(string Sha256, long Size)> AddAsync(Stream input, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory, SnapshotStore.DirectoryMode);
        var temporary = Path.Combine(Directory, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long size;
            await using (var output = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, UnixCreateMode = SnapshotStore.FileMode }))
            {
                (sha256, size) = await CopyHashingAsync(input, output, ct).ConfigureAwait(false);
            }

            var final = PathOf(sha256);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(final)!, SnapshotStore.DirectoryMode);
            if (!File.Exists(final))
            {
                added.Add(sha256);
            }

            // Two files of the same content may race here: either copy is the same bytes.
            File.Move(temporary, final, overwrite: true);
            return (sha256, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Removes what this instance added (a snapshot that failed before it was committed), and the folders it leaves empty.</summary>
    public void RemoveAdded()
    {
        foreach (var sha256 in added.Distinct())
        {
            File.Delete(PathOf(sha256));
        }

        RemoveEmptyFolders();
    }

    /// <summary>Streams the stored content through sha256: true when it is still what its name says, with the expected size.</summary>
    public async Task<bool> MatchesAsync(string sha256, long size, CancellationToken ct)
    {
        if (!Has(sha256, size))
        {
            return false;
        }

        await using var input = Open(sha256);
        return (await CopyHashingAsync(input, Stream.Null, ct).ConfigureAwait(false)).Sha256 == sha256;
    }

    /// <summary>Every stored content hash.</summary>
    public IEnumerable<string> Hashes() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.'))
            : [];

    /// <summary>Removes stored content no hash in <paramref name="needed"/> names, and copies a killed writer left; returns what was removed.</summary>
    public (int Files, long Bytes) Sweep(IReadOnlySet<string> needed)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return (0, 0);
        }

        var (files, bytes) = (0, 0L);
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories).ToList())
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || !needed.Contains(name))
            {
                bytes += new FileInfo(path).Length;
                files++;
                File.Delete(path);
            }
        }

        RemoveEmptyFolders();
        return (files, bytes);
    }

    private void RemoveEmptyFolders()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory).Append(Directory).ToList())
        {
            if (!System.IO.Directory.EnumerateFileSystemEntries(folder).Any())
            {
                System.IO.Directory.Delete(folder);
            }
        }
    }

    private static async Task<(string Sha256, long Size)> CopyHashingAsync(Stream input, Stream output, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            long size = 0;
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, CopyBuffer), ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                size += read;
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A listing names its content by hash; anything else (a crafted '../') never becomes a path.</summary>
    private static string RequireHash(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower) ? sha256 : throw new SnapshotDamagedException($"'{sha256}' is not a sha256 content name; the listing is damaged");
}
