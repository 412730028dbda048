using System.Formats.Tar;
using System.Globalization;
using Backtrack.Engine;

namespace Backtrack.Snapshots.Redis;

/// <summary>Redis's files out of and into its container through the engine's archive API (tar streams), running or stopped.</summary>
public static class RedisFiles
{
    public const string UidAttribute = "uid";
    public const string GidAttribute = "gid";
    public const string ModeAttribute = "mode";

    /// <summary>Copies one file out of the container into <paramref name="destination"/>; returns its owner and mode as attributes.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CopyFileOutAsync(
        IContainerEngine engine, string container, string path, Stream destination, CancellationToken ct)
    {
        await using var archive = await engine.GetArchiveAsync(container, path, ct).ConfigureAwait(false);
        await using var reader = new TarReader(archive);
        var entry = await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false);
        if (entry is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
        {
            throw new BacktrackException($"{path} in {container[..Math.Min(12, container.Length)]} is not a regular file");
        }

        await entry.DataStream.CopyToAsync(destination, ct).ConfigureAwait(false);
        return new Dictionary<string, string>
        {
            [UidAttribute] = entry.Uid.ToString(CultureInfo.InvariantCulture),
            [GidAttribute] = entry.Gid.ToString(CultureInfo.InvariantCulture),
            [ModeAttribute] = ((int)entry.Mode).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Copies a directory out as the tar stream the engine gives (entries named "DIRNAME/...").</summary>
    public static async Task CopyDirectoryOutAsync(IContainerEngine engine, string container, string path, Stream destination, CancellationToken ct)
    {
        await using var archive = await engine.GetArchiveAsync(container, path, ct).ConfigureAwait(false);
        await archive.CopyToAsync(destination, ct).ConfigureAwait(false);
    }

    /// <summary>Puts one file into a directory of the container with the owner and mode its attributes recorded (root, 0600 when absent).</summary>
    public static Task PutFileAsync(
        IContainerEngine engine, string container, string directory, string name, Stream content, IReadOnlyDictionary<string, string> owner, CancellationToken ct) =>
        ContainerFiles.PutFileAsync(
            engine,
            container,
            directory,
            name,
            content,
            Int(owner, UidAttribute, 0),
            Int(owner, GidAttribute, 0),
            (UnixFileMode)Int(owner, ModeAttribute, 0b110_000_000),
            ct);

    private static int Int(IReadOnlyDictionary<string, string> attributes, string name, int fallback) =>
        attributes.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
