namespace Backtrack.Snapshots;

/// <summary>
/// What a snapshot holds, written last as manifest.json (its sha256 beside it in manifest.sha256): every
/// artifact with its size and sha256, and what a restore is checked against (server versions, image IDs,
/// row and key counts, the files inside volume archives). A full snapshot adds the Volumes, Config and
/// Release sections; manifests written before them load with those sections null.
/// </summary>
public sealed record SnapshotManifest(
    int Format,
    string Id,
    string Kind,
    string Environment,
    string Project,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SnapshotArtifact> Artifacts,
    PostgresSnapshot? Postgres,
    RedisSnapshot? Redis,
    IReadOnlyList<VolumeSnapshot>? Volumes = null,
    IReadOnlyList<ConfigFileSnapshot>? Config = null,
    ReleaseSnapshot? Release = null,
    string? Note = null)
{
    public const int CurrentFormat = 2;

    public long TotalBytes => Artifacts.Sum(a => a.Size);

    /// <summary>A snapshot a full rollback can restore: it holds the services' specs.</summary>
    public bool IsFull => Release is not null;

    public SnapshotArtifact Artifact(string path) =>
        Artifacts.FirstOrDefault(a => a.Path == path) ?? throw new BacktrackException($"snapshot {Id} has no artifact {path}");
}
