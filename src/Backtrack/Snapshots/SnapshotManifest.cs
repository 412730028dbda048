namespace Backtrack.Snapshots;

/// <summary>
/// What a snapshot holds, written last as manifest.json: every artifact with its size and sha256, and what a
/// restore is checked against (server versions, image IDs, row and key counts). Later kinds of artifacts
/// (volumes, config files) add entries to <see cref="Artifacts"/> and sections of their own.
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
    RedisSnapshot? Redis)
{
    public const int CurrentFormat = 1;

    public long TotalBytes => Artifacts.Sum(a => a.Size);

    public SnapshotArtifact Artifact(string path) =>
        Artifacts.FirstOrDefault(a => a.Path == path) ?? throw new BacktrackException($"snapshot {Id} has no artifact {path}");
}
