using System.Formats.Tar;
using Backtrack.Engine;

namespace Backtrack.Volumes;

/// <summary>
/// Moves a named volume's content to and from an archive file through the engine's archive API, by way
/// of a parked container (created, never started) from an image already on the host: no helper image is
/// pulled, nothing runs. Numeric owners, modes and times are kept; each file's sha256 is computed while
/// streaming, so the data is read once.
/// </summary>
public sealed class VolumeTransfer(IContainerEngine engine, string helperImage)
{
    private const string MountPath = "/bt-volume";
    private const string Root = "bt-volume";

    /// <summary>The label on parked containers; its value is the volume the container mounts.</summary>
    public const string ParkedLabel = "org.backtrack.parked";

    public async Task<VolumeArchive> ExportAsync(string volume, string archivePath, CancellationToken ct)
    {
        long size;
        string sha256;
        await using (var parked = await ParkAsync(volume, ct).ConfigureAwait(false))
        {
            // The engine's tar is kept as it is (entries under bt-volume/), hashed while it streams to disk.
            await using var source = new HashingStream(await engine.GetArchiveAsync(parked.Id, MountPath, ct).ConfigureAwait(false));
            await using var output = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
            File.SetUnixFileMode(archivePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await source.CopyToAsync(output, 1 << 20, ct).ConfigureAwait(false);
            (size, sha256) = (source.BytesRead, source.HexDigest());
        }

        return new VolumeArchive(volume, archivePath, size, sha256, await ListFilesAsync(archivePath, ct).ConfigureAwait(false));
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
                await using var hashing = new HashingStream(data);
                await hashing.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
                files.Add(new ArchivedFile(path, hashing.BytesRead, hashing.HexDigest()));
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
        await using var parked = await ParkAsync(volume.Name, ct).ConfigureAwait(false);
        await using var archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        await engine.PutArchiveAsync(parked.Id, "/", archive, ct).ConfigureAwait(false);
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
