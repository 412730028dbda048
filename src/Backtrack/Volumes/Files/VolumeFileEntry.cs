namespace Backtrack.Volumes.Files;

/// <summary>
/// One path of a volume in an incremental snapshot's listing: what a restore recreates (type, mode, owner,
/// mtime, link target, the content by its sha256) and what the next snapshot compares against to skip
/// reading an unchanged file (size, mtime, inode, ctime).
/// </summary>
public sealed record VolumeFileEntry(
    string Path,
    VolumeEntryType Type,
    int Mode,
    int Uid,
    int Gid,
    long MtimeNs,
    long Size,
    string? Link,
    string? Sha256,
    ulong Inode,
    long CtimeNs,
    int DeviceMajor = 0,
    int DeviceMinor = 0);
