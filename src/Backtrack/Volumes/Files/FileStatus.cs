namespace Backtrack.Volumes.Files;

/// <summary>What lstat says of a path: enough to restore it, and to tell whether its content may have changed.</summary>
public readonly record struct FileStatus(
    VolumeEntryType Type, int Mode, int Uid, int Gid, long Size, ulong Inode, uint Links, long MtimeNs, long CtimeNs, int DeviceMajor, int DeviceMinor);
