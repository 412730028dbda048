using System.Formats.Tar;
using System.IO.Pipelines;
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

    /// <summary>
    /// Hands <paramref name="consume"/> the listing's tar as a stream, written on its own task as it is read:
    /// nothing is staged on disk. When the consumer fails, the writer stops; the consumer's error is reported.
    /// </summary>
    public static async Task StreamAsync(VolumeListing listing, ContentStore content, string root, Func<Stream, CancellationToken, Task> consume, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pipe = new Pipe(VolumeTransfer.Streaming);
        var writing = Task.Run(() => WriteAsync(pipe.Writer, listing, content, root, stop.Token), stop.Token);
        try
        {
            await using var tar = pipe.Reader.AsStream();
            await consume(tar, ct).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(writing).ConfigureAwait(false);
            throw;
        }

        await writing.ConfigureAwait(false);
    }

    private static async Task WriteAsync(PipeWriter pipe, VolumeListing listing, ContentStore content, string root, CancellationToken ct)
    {
        try
        {
            await using (var stream = pipe.AsStream(leaveOpen: true))
            {
                await WriteAsync(listing, content, root, stream, ct).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.CompleteAsync(e).ConfigureAwait(false);
            throw;
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
