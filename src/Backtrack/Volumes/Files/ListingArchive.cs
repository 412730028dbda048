using System.Formats.Tar;
using Backtrack.Snapshots;

namespace Backtrack.Volumes.Files;

/// <summary>
/// An incremental snapshot's listing as the tar a volume is filled from (the same archive API and
/// exact-replace path as a tar snapshot): entries under the root folder, numeric owners, modes, mtimes,
/// links; file data streamed from the content store.
/// </summary>
public static class ListingArchive
{
    /// <summary>Refuses, before anything is written, a path or link of the listing that would land outside the volume.</summary>
    public static void Validate(VolumeListing listing, string root, string listingName)
    {
        foreach (var entry in listing.Entries)
        {
            TarSafety.ValidateEntry(NameOf(entry, root), TypeOf(entry.Type), LinkOf(entry, root), root, listingName);
        }
    }

    public static async Task WriteAsync(VolumeListing listing, ContentStore content, string root, Stream output, CancellationToken ct)
    {
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var file in listing.Entries)
        {
            var entry = new PaxTarEntry(TypeOf(file.Type), NameOf(file, root))
            {
                Mode = (UnixFileMode)file.Mode,
                Uid = file.Uid,
                Gid = file.Gid,
                ModificationTime = DateTimeOffset.UnixEpoch.AddTicks(file.MtimeNs / 100),
            };
            if (file.Type is VolumeEntryType.Symlink or VolumeEntryType.HardLink)
            {
                entry.LinkName = LinkOf(file, root);
            }

            if (file.Type is VolumeEntryType.CharDevice or VolumeEntryType.BlockDevice)
            {
                entry.DeviceMajor = file.DeviceMajor;
                entry.DeviceMinor = file.DeviceMinor;
            }

            if (file is { Type: VolumeEntryType.File, Sha256: { } sha256 })
            {
                await using var data = content.Open(sha256);
                entry.DataStream = data;
                await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
            }
        }
    }

    private static string NameOf(VolumeFileEntry entry, string root) =>
        entry.Path == "." ? root + "/" : $"{root}/{entry.Path}{(entry.Type == VolumeEntryType.Directory ? "/" : "")}";

    private static string LinkOf(VolumeFileEntry entry, string root) => entry.Type switch
    {
        VolumeEntryType.Symlink => entry.Link ?? "",
        VolumeEntryType.HardLink => $"{root}/{entry.Link}",
        _ => "",
    };

    private static TarEntryType TypeOf(VolumeEntryType type) => type switch
    {
        VolumeEntryType.Directory => TarEntryType.Directory,
        VolumeEntryType.Symlink => TarEntryType.SymbolicLink,
        VolumeEntryType.HardLink => TarEntryType.HardLink,
        VolumeEntryType.Fifo => TarEntryType.Fifo,
        VolumeEntryType.CharDevice => TarEntryType.CharacterDevice,
        VolumeEntryType.BlockDevice => TarEntryType.BlockDevice,
        _ => TarEntryType.RegularFile,
    };
}
