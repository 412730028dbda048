namespace Backtrack.Volumes.Files;

/// <summary>Change detection: a regular file whose size, mtime, inode and ctime equal the previous snapshot's entry is not read again.</summary>
public static class FileChange
{
    /// <summary>True when <paramref name="now"/> may share <paramref name="previous"/>'s content without reading the file.</summary>
    public static bool Unchanged(VolumeFileEntry? previous, FileStatus now) =>
        previous is { Type: VolumeEntryType.File, Sha256: not null } p
        && now.Type == VolumeEntryType.File
        && p.Size == now.Size
        && p.MtimeNs == now.MtimeNs
        && p.Inode == now.Inode
        && p.CtimeNs == now.CtimeNs;
}
