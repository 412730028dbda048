using System.Runtime.InteropServices;

namespace Backtrack.Volumes.Files;

/// <summary>
/// lstat through Linux's statx(2), whose buffer has the same layout on every architecture. .NET exposes
/// neither the owner, the inode nor the change time, which the incremental snapshot needs.
/// </summary>
internal static partial class Statx
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint BasicStats = 0x7ff;
    private const int BufferSize = 256;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(int directory, string path, int flags, uint mask, Span<byte> buffer);

    private const int NoSuchFile = 2;

    /// <summary>The status of <paramref name="path"/> (a link itself, not what it points to); null when the path is gone.</summary>
    public static FileStatus? Of(string path)
    {
        Span<byte> buffer = stackalloc byte[BufferSize];
        if (Native(AtFdCwd, path, AtSymlinkNoFollow, BasicStats, buffer) != 0)
        {
            return Marshal.GetLastPInvokeError() == NoSuchFile
                ? null
                : throw new IOException($"cannot read the status of {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // Offsets of struct statx (linux/stat.h).
        var mode = Read<ushort>(buffer, 28);
        return new FileStatus(
            TypeOf(mode),
            mode & 0xFFF,
            (int)Read<uint>(buffer, 20),
            (int)Read<uint>(buffer, 24),
            (long)Read<ulong>(buffer, 40),
            Read<ulong>(buffer, 32),
            Read<uint>(buffer, 16),
            Nanoseconds(buffer, 112),
            Nanoseconds(buffer, 96),
            (int)Read<uint>(buffer, 128),
            (int)Read<uint>(buffer, 132));
    }

    private static T Read<T>(ReadOnlySpan<byte> buffer, int offset)
        where T : struct => MemoryMarshal.Read<T>(buffer[offset..]);

    private static long Nanoseconds(ReadOnlySpan<byte> buffer, int offset) => (Read<long>(buffer, offset) * 1_000_000_000) + Read<uint>(buffer, offset + 8);

    private static VolumeEntryType TypeOf(int mode) => (mode & 0xF000) switch
    {
        0x4000 => VolumeEntryType.Directory,
        0xA000 => VolumeEntryType.Symlink,
        0x1000 => VolumeEntryType.Fifo,
        0x2000 => VolumeEntryType.CharDevice,
        0x6000 => VolumeEntryType.BlockDevice,
        0xC000 => VolumeEntryType.Socket,
        _ => VolumeEntryType.File,
    };
}
