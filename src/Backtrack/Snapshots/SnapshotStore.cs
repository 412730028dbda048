using System.Text.Json;
using System.Text.Json.Serialization;
using Backtrack.Volumes.Files;
using Backtrack.Serialization;

namespace Backtrack.Snapshots;

/// <summary>
/// The snapshot directory of an environment: one folder per snapshot (0700, files 0600), named by its ID,
/// sortable by time, holding its artifacts and manifest.json. A snapshot is written into a hidden
/// ".partial-" folder and renamed into place once complete, so listing never shows a half-written one.
/// </summary>
public sealed class SnapshotStore(string directory) : ISnapshotStorage
{
    public const string ManifestFile = "manifest.json";
    public const string ManifestChecksumFile = "manifest.sha256";
    private const string VerifiedMarker = ".verified";
    internal const string PartialPrefix = ".partial-";
    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = BacktrackJson.Resolver,
    };

    public string Directory { get; } = directory;

    /// <summary>The file contents incremental volume snapshots share (a folder without a manifest: never listed as a snapshot).</summary>
    public ContentStore Content => new(Path.Combine(Directory, ContentStore.FolderName));

    /// <summary>
    /// Starts writing a snapshot; disposing the writer without committing removes what it wrote. Writers
    /// hold the environment's lock, so a partial folder found now is what a killed writer left: it goes.
    /// </summary>
    public SnapshotWriter Begin(string id)
    {
        System.IO.Directory.CreateDirectory(Directory, DirectoryMode);
        if (System.IO.Directory.Exists(PathOf(id)))
        {
            throw new BacktrackException($"snapshot {id} already exists");
        }

        foreach (var leftover in System.IO.Directory.EnumerateDirectories(Directory, PartialPrefix + "*"))
        {
            System.IO.Directory.Delete(leftover, recursive: true);
        }

        var partial = Path.Combine(Directory, PartialPrefix + id);
        System.IO.Directory.CreateDirectory(partial, DirectoryMode);
        return new SnapshotWriter(partial, PathOf(id), Content);
    }

    /// <summary>Complete snapshots, newest first.</summary>
    public async Task<IReadOnlyList<SnapshotManifest>> ListAsync(CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var manifests = new List<SnapshotManifest>();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory).Order(StringComparer.Ordinal).Reverse())
        {
            var name = Path.GetFileName(folder);
            if (!name.StartsWith('.') && File.Exists(Path.Combine(folder, ManifestFile)))
            {
                manifests.Add(await ReadManifestAsync(name, ct).ConfigureAwait(false));
            }
        }

        return manifests;
    }

    public async Task<SnapshotManifest> LoadAsync(string id, CancellationToken ct)
    {
        if (id.Contains('/', StringComparison.Ordinal) || id.StartsWith('.') || !File.Exists(Path.Combine(PathOf(id), ManifestFile)))
        {
            throw new BacktrackException($"no snapshot '{id}' in {Directory}; 'backtrack snapshot list' lists them");
        }

        return await ReadManifestAsync(id, ct).ConfigureAwait(false);
    }

    public string PathOf(string id) => Path.Combine(Directory, id);

    public string PathOf(SnapshotManifest manifest, SnapshotArtifact artifact) => Path.Combine(PathOf(manifest.Id), artifact.Path);

    public FileStream OpenArtifact(SnapshotManifest manifest, SnapshotArtifact artifact) =>
        new(PathOf(manifest, artifact), new FileStreamOptions { Mode = System.IO.FileMode.Open, Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });

    /// <summary>Removes a snapshot: first out of the listing (renamed partial, which the next writer clears if this is killed), then from disk.</summary>
    public void Delete(string id)
    {
        var partial = Path.Combine(Directory, PartialPrefix + id);
        System.IO.Directory.Move(PathOf(id), partial);
        System.IO.Directory.Delete(partial, recursive: true);
    }

    /// <summary>
    /// The manifest's bytes against manifest.sha256. A manifest of format 2 or later must have one; older
    /// (database-only) snapshots were written without it.
    /// </summary>
    public async Task VerifyManifestChecksumAsync(SnapshotManifest manifest, CancellationToken ct)
    {
        var sumPath = Path.Combine(PathOf(manifest.Id), ManifestChecksumFile);
        if (!File.Exists(sumPath))
        {
            if (manifest.Format >= 2)
            {
                throw new SnapshotDamagedException($"snapshot {manifest.Id} is incomplete: {ManifestChecksumFile} is missing");
            }

            return;
        }

        var expected = (await File.ReadAllTextAsync(sumPath, ct).ConfigureAwait(false)).Trim();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(PathOf(manifest.Id), ManifestFile), ct).ConfigureAwait(false);
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) != expected)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: the sha256 of {ManifestFile} differs from {ManifestChecksumFile}");
        }
    }

    /// <summary>Notes that a snapshot passed verification (retention keeps the newest such).</summary>
    public Task MarkVerifiedAsync(string id, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(PathOf(id), VerifiedMarker), DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ct);

    public bool IsVerified(string id) => File.Exists(Path.Combine(PathOf(id), VerifiedMarker));

    /// <summary>An incremental volume snapshot's listing; an unreadable one is a damaged snapshot.</summary>
    public Task<VolumeListing> LoadListingAsync(SnapshotManifest manifest, SnapshotArtifact artifact, CancellationToken ct) =>
        ReadListingAsync(manifest, artifact, PathOf(manifest, artifact), ct);

    /// <summary>A listing read from a given file (a snapshot being fetched is not in the store yet).</summary>
    internal static async Task<VolumeListing> ReadListingAsync(SnapshotManifest manifest, SnapshotArtifact artifact, string path, CancellationToken ct)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(file, JsonOptions.TypeInfo<VolumeListing>(), ct).ConfigureAwait(false)
                ?? throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {artifact.Path} is empty");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SnapshotDamagedException($"snapshot {manifest.Id} is damaged: {artifact.Path} cannot be read ({e.Message})");
        }
    }

    /// <summary>When the snapshot last passed its verification, or null when it never did.</summary>
    public async Task<DateTimeOffset?> VerifiedAtAsync(string id, CancellationToken ct) =>
        IsVerified(id) && DateTimeOffset.TryParse(
            await File.ReadAllTextAsync(Path.Combine(PathOf(id), VerifiedMarker), ct).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    private async Task<SnapshotManifest> ReadManifestAsync(string id, CancellationToken ct)
    {
        var path = Path.Combine(PathOf(id), ManifestFile);
        await using var file = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(file, JsonOptions.TypeInfo<SnapshotManifest>(), ct).ConfigureAwait(false)
                ?? throw new BacktrackException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new BacktrackException($"{path} is not a valid manifest: {e.Message}");
        }
    }
}
