using System.Buffers;
using System.Formats.Tar;
using System.IO.Pipelines;
using Backtrack.Engine;
using Backtrack.Snapshots;
using Backtrack.Volumes.Files;

namespace Backtrack.Volumes;

/// <summary>
/// Moves a named volume's content to and from an archive file through the engine's archive API, by way
/// of a parked container (created, never started) from an image already on the host: no helper image is
/// pulled, nothing runs. Numeric owners, modes and times are kept; each file's sha256 is computed while
/// streaming, so the data is read once.
/// </summary>
public sealed class VolumeTransfer(IContainerEngine engine, string helperImage)
{
    /// <summary>Where a parked container mounts its volume.</summary>
    public const string MountPath = "/bt-volume";
    internal const string Root = "bt-volume";
    private const int CopyBuffer = 1 << 20;

    internal static readonly PipeOptions Streaming = new(pauseWriterThreshold: 8 * CopyBuffer, resumeWriterThreshold: 4 * CopyBuffer, minimumSegmentSize: CopyBuffer, useSynchronizationContext: false);

    /// <summary>The label on parked containers; its value is the volume the container mounts.</summary>
    public const string ParkedLabel = "org.backtrack.parked";

    public async Task<VolumeArchive> ExportAsync(string volume, string archivePath, CancellationToken ct)
    {
        await using var parked = await ParkAsync(volume, ct).ConfigureAwait(false);
        // The engine's tar is kept as it is (entries under bt-volume/). One pass: the bytes go to disk with
        // the archive's sha256 and, through a pipe, to a tar reader on its own task hashing each file. The
        // tar reader never reads the engine's stream itself (that stream has no synchronous reads).
        await using var source = await engine.GetArchiveAsync(parked.Id, MountPath, ct).ConfigureAwait(false);
        await using var output = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBuffer, useAsync: true);
        File.SetUnixFileMode(archivePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pipe = new Pipe(Streaming);
        var listing = Task.Run(() => ListFilesAsync(pipe.Reader, ct), ct);
        long size;
        string sha256;
        try
        {
            (size, sha256) = await CopyAsync(source, output, pipe.Writer, ct).ConfigureAwait(false);
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
            // The listing ends with the writer's error; the copy's own exception is the one to report.
            await Task.WhenAny(listing).ConfigureAwait(false);
            throw;
        }

        var files = await listing.ConfigureAwait(false);
        return new VolumeArchive(volume, archivePath, size, sha256, files);
    }

    /// <summary>Copies the engine's archive to the file and into the pipe; size and sha256 of the whole archive.</summary>
    private static async Task<(long Size, string Sha256)> CopyAsync(Stream source, FileStream output, PipeWriter pipe, CancellationToken ct)
    {
        await using var metered = new MeteredStream(output, "volume archive", null, null, leaveOpen: true);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            var listening = true;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBuffer), ct).ConfigureAwait(false)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                if (listening)
                {
                    // Completed when the tar reader stopped early (it failed; its error is reported by the listing).
                    listening = !(await pipe.WriteAsync(chunk, ct).ConfigureAwait(false)).IsCompleted;
                }

                await metered.WriteAsync(chunk, ct).ConfigureAwait(false);
            }

            return (metered.Count, metered.FinishHash());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Lists the archive as it arrives through the pipe, then reads the rest (end-of-archive blocks) so the writer never waits.</summary>
    private static async Task<IReadOnlyList<ArchivedFile>> ListFilesAsync(PipeReader pipe, CancellationToken ct)
    {
        try
        {
            IReadOnlyList<ArchivedFile> files;
            await using (var stream = pipe.AsStream(leaveOpen: true))
            {
                files = await ListFilesAsync(stream, ct).ConfigureAwait(false);
                await stream.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
            return files;
        }
        catch (Exception e)
        {
            await pipe.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every entry of an archive, relative to the volume root, with the sha256 of each file's content.</summary>
    public static async Task<IReadOnlyList<ArchivedFile>> ListFilesAsync(string archivePath, CancellationToken ct)
    {
        await using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return await ListFilesAsync(file, ct).ConfigureAwait(false);
    }

    /// <summary>As the other overload, reading the archive once from a stream (left open, read up to the end of the archive's entries).</summary>
    public static async Task<IReadOnlyList<ArchivedFile>> ListFilesAsync(Stream archive, CancellationToken ct)
    {
        var files = new List<ArchivedFile>();
        await using var reader = new TarReader(archive, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            var path = Relative(entry.Name);
            if (entry.DataStream is { } data)
            {
                await using var hashing = new MeteredStream(data, path, null, null);
                await hashing.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
                files.Add(new ArchivedFile(path, hashing.Count, hashing.FinishHash()));
            }
            else
            {
                files.Add(new ArchivedFile(path, 0, ""));
            }
        }

        return files;
    }

    /// <summary>
    /// Replaces the volume's content exactly with the archive's: the volume is removed and created again
    /// with its labels, then filled, so files the newer release added do not survive. The archive is
    /// checked for entries that would escape the volume before anything is removed.
    /// </summary>
    public async Task ReplaceAsync(VolumeInfo volume, string archivePath, CancellationToken ct)
    {
        await ValidateAsync(archivePath, ct).ConfigureAwait(false);
        await RecreateAsync(volume, async (parked, token) =>
        {
            await using var archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            await engine.PutArchiveAsync(parked, "/", archive, token).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>As the other overload, from an incremental snapshot's listing: its paths are checked first, the tar is made as it streams.</summary>
    public async Task ReplaceAsync(VolumeInfo volume, VolumeListing listing, ContentStore content, string listingName, CancellationToken ct)
    {
        ListingArchive.Validate(listing, Root, listingName);
        await RecreateAsync(
            volume,
            (parked, token) => ListingArchive.StreamAsync(listing, content, Root, (tar, t) => engine.PutArchiveAsync(parked, "/", tar, t), token),
            ct).ConfigureAwait(false);
    }

    /// <summary>The volume removed and created again with its labels, then filled by <paramref name="fill"/> through a parked container.</summary>
    private async Task RecreateAsync(VolumeInfo volume, Func<string, CancellationToken, Task> fill, CancellationToken ct)
    {
        // A process killed mid-transfer leaves its parked container holding the volume: it never ran, it is ours.
        foreach (var leftover in await engine.ListContainersAsync(new Dictionary<string, string?> { [ParkedLabel] = volume.Name }, ct).ConfigureAwait(false))
        {
            await engine.RemoveContainerAsync(leftover.Id, ct).ConfigureAwait(false);
        }

        // An interrupted restore may have removed the volume already.
        if ((await engine.ListVolumesAsync(new Dictionary<string, string?>(), ct).ConfigureAwait(false)).Any(v => v.Name == volume.Name))
        {
            await engine.RemoveVolumeAsync(volume.Name, ct).ConfigureAwait(false);
        }

        await engine.CreateVolumeAsync(volume.Name, volume.Labels, ct).ConfigureAwait(false);
        await WithParkedAsync(volume.Name, fill, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="fill"/> with the ID of a parked container mounting the volume at <see cref="MountPath"/>
    /// (files put into a volume whose own container is gone: a swarm task scaled away), then removes the container.
    /// </summary>
    public async Task WithParkedAsync(string volume, Func<string, CancellationToken, Task> fill, CancellationToken ct)
    {
        await using var parked = await ParkAsync(volume, ct).ConfigureAwait(false);
        await fill(parked.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Refuses an archive with an entry (or link) that would land outside the volume.</summary>
    public static async Task ValidateAsync(string archivePath, CancellationToken ct)
    {
        await using var check = File.OpenRead(archivePath);
        await TarSafety.ValidateAsync(check, archivePath, Root, ct).ConfigureAwait(false);
    }

    private async Task<ParkedContainer> ParkAsync(string volume, CancellationToken ct)
    {
        var name = $"bt-parked-{Guid.NewGuid():N}"[..22];
        var id = await engine.CreateParkedContainerAsync(name, helperImage, new Dictionary<string, string> { [volume] = MountPath }, new Dictionary<string, string> { [ParkedLabel] = volume }, ct)
            .ConfigureAwait(false);
        return new ParkedContainer(engine, id);
    }

    /// <summary>The engine names entries after the mount's directory: bt-volume/sub/file is sub/file of the volume.</summary>
    private static string Relative(string name) =>
        name.TrimEnd('/') == Root ? "." : name.StartsWith(Root + "/", StringComparison.Ordinal) ? name[(Root.Length + 1)..] : name;

    private sealed class ParkedContainer(IContainerEngine engine, string id) : IAsyncDisposable
    {
        public string Id => id;

        public async ValueTask DisposeAsync() => await engine.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
    }
}
