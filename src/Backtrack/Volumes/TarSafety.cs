using System.Formats.Tar;

namespace Backtrack.Volumes;

/// <summary>
/// Tar from a snapshot is untrusted: an absolute path, a '..' step, or a link whose target leaves the
/// extraction root would write outside the volume. Every entry is checked before anything is extracted.
/// </summary>
public static class TarSafety
{
    /// <summary>Refuses an entry, or a link target, outside <paramref name="root"/> (a relative directory every entry must lie in).</summary>
    public static async Task ValidateAsync(Stream tar, string archiveName, string root, CancellationToken ct)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            ValidateEntry(entry.Name, entry.EntryType, entry.LinkName, root, archiveName);
        }
    }

    /// <summary>Refuses one entry (by its name in the archive, and its link's target) outside <paramref name="root"/>.</summary>
    public static void ValidateEntry(string name, TarEntryType type, string linkName, string root, string archiveName)
    {
        Check(name, root, archiveName, name);
        if (type is TarEntryType.SymbolicLink)
        {
            // A symlink's target is relative to the link's own directory, or absolute.
            var directory = Path.GetDirectoryName(name.TrimEnd('/')) ?? "";
            Check(linkName.StartsWith('/') ? linkName : $"{directory}/{linkName}", root, archiveName, name);
        }
        else if (type is TarEntryType.HardLink)
        {
            Check(linkName, root, archiveName, name);
        }
    }

    private static void Check(string path, string root, string archiveName, string entry)
    {
        if (path.StartsWith('/'))
        {
            throw new UnsafeArchiveException(archiveName, entry, "points to an absolute path");
        }

        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw new UnsafeArchiveException(archiveName, entry, "escapes the target through '..'");
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        if (parts.Count == 0 || parts[0] != root)
        {
            throw new UnsafeArchiveException(archiveName, entry, $"lies outside {root}/");
        }
    }
}
