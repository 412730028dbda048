using Backtrack.Snapshots;

namespace Backtrack.Volumes.Files;

/// <summary>
/// Reads a local volume straight from its mountpoint instead of through the engine's tar: the tree is
/// walked (lstat of every path, links not followed), then the files that changed since the previous
/// listing are copied into the content store in parallel, hashed as they stream. A file whose size,
/// mtime, inode and ctime equal the previous entry's is not read: its stored content is shared.
/// </summary>
public sealed class MountpointReader(ContentStore content)
{
    private static readonly int Parallelism = Math.Max(2, Environment.ProcessorCount);

    private static readonly EnumerationOptions ListOnly = new()
    {
        // Dot files count as hidden on Unix: nothing may be skipped.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>True when this process can list the mountpoint (a local engine, run as root or the volume's owner).</summary>
    public static bool CanRead(string? mountpoint)
    {
        try
        {
            if (mountpoint is null || !Directory.Exists(mountpoint))
            {
                return false;
            }

            _ = Directory.EnumerateFileSystemEntries(mountpoint, "*", ListOnly).FirstOrDefault();
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    public async Task<(VolumeListing Listing, VolumeReadCounts Counts)> ReadAsync(string volume, string mountpoint, VolumeListing? previous, CancellationToken ct)
    {
        var before = previous?.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal) ?? [];
        var entries = new List<VolumeFileEntry>();
        var toRead = new List<int>();
        var firstPathOfInode = new Dictionary<ulong, string>();
        var (unchanged, unchangedBytes) = (0, 0L);
        foreach (var (path, full, status) in Walk(mountpoint))
        {
            ct.ThrowIfCancellationRequested();
            var entry = new VolumeFileEntry(
                path, status.Type, status.Mode, status.Uid, status.Gid, status.MtimeNs, 0, null, null, status.Inode, status.CtimeNs, status.DeviceMajor, status.DeviceMinor);
            if (status.Type == VolumeEntryType.Symlink)
            {
                entry = entry with { Link = new FileInfo(full).LinkTarget };
            }
            else if (status.Type == VolumeEntryType.File && status.Links > 1 && !firstPathOfInode.TryAdd(status.Inode, path))
            {
                entry = entry with { Type = VolumeEntryType.HardLink, Link = firstPathOfInode[status.Inode] };
            }
            else if (status.Type == VolumeEntryType.File)
            {
                if (before.GetValueOrDefault(path) is { } last && FileChange.Unchanged(last, status) && content.Has(last.Sha256!, last.Size))
                {
                    entry = entry with { Size = last.Size, Sha256 = last.Sha256 };
                    (unchanged, unchangedBytes) = (unchanged + 1, unchangedBytes + last.Size);
                }
                else
                {
                    toRead.Add(entries.Count);
                }
            }

            entries.Add(entry);
        }

        var read = entries.ToArray();
        var gone = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(toRead, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (index, token) =>
        {
            try
            {
                var (sha256, size) = await content.AddAsync(Path.Combine(mountpoint, read[index].Path), token).ConfigureAwait(false);
                read[index] = read[index] with { Sha256 = sha256, Size = size };
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Removed between the walk and the read (a live database's temporary files): left out, as tar does.
                gone.Add(read[index].Path);
            }
        }).ConfigureAwait(false);
        var removed = gone.ToHashSet(StringComparer.Ordinal);
        var kept = read.Where(e => !removed.Contains(e.Path) && !(e.Type == VolumeEntryType.HardLink && removed.Contains(e.Link!))).ToArray();
        var copied = toRead.Select(i => read[i]).Where(e => !removed.Contains(e.Path)).ToList();
        var counts = new VolumeReadCounts(copied.Count, copied.Sum(e => e.Size), unchanged, unchangedBytes);
        return (new VolumeListing(volume, kept), counts);
    }

    /// <summary>Every path under the root, parents before children, the root itself as "."; sockets and paths gone meanwhile are left out.</summary>
    private static IEnumerable<(string Path, string Full, FileStatus Status)> Walk(string root)
    {
        yield return (".", root, Statx.Of(root) ?? throw new BacktrackException($"volume mountpoint {root} is gone"));
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var subdirectories = new List<string>();
            foreach (var name in NamesIn(Path.Combine(root, directory)))
            {
                var path = directory.Length == 0 ? name : $"{directory}/{name}";
                var full = Path.Combine(root, path);
                if (Statx.Of(full) is not { Type: not VolumeEntryType.Socket } status)
                {
                    continue;
                }

                if (status.Type == VolumeEntryType.Directory)
                {
                    subdirectories.Add(path);
                }

                yield return (path, full, status);
            }

            foreach (var subdirectory in Enumerable.Reverse(subdirectories))
            {
                pending.Push(subdirectory);
            }
        }
    }

    /// <summary>The names in a directory, sorted; none when it was removed after its parent was listed.</summary>
    private static IReadOnlyList<string> NamesIn(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory, "*", ListOnly).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }
}
