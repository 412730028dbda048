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
            Check(entry.Name, root, archiveName, entry.Name);
            if (entry.EntryType is TarEntryType.SymbolicLink)
            {
                // A symlink's target is relative to the link's own directory, or absolute.
                var directory = Path.GetDirectoryName(entry.Name.TrimEnd('/')) ?? "";
                Check(entry.LinkName.StartsWith('/') ? entry.LinkName : $"{directory}/{entry.LinkName}", root, archiveName, entry.Name);
            }
            else if (entry.EntryType is TarEntryType.HardLink)
            {
                Check(entry.LinkName, root, archiveName, entry.Name);
            }
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
