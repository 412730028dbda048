using System.Text.Json.Serialization;

namespace Backtrack.Volumes.Files;

/// <summary>What a path in a volume is. A hard link names the first path of its inode; sockets are not kept (tar skips them too).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VolumeEntryType>))]
public enum VolumeEntryType
{
    File,
    Directory,
    Symlink,
    HardLink,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
}
