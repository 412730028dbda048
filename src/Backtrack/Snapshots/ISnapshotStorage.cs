namespace Backtrack.Snapshots;

/// <summary>
/// Where snapshots live. <see cref="SnapshotStore"/> is the local directory; an S3-compatible store can
/// stand beside it (artifacts uploaded after a local write, fetched before a restore).
/// </summary>
public interface ISnapshotStorage
{
    /// <summary>Starts writing a snapshot; it becomes visible only when committed.</summary>
    SnapshotWriter Begin(string id);

    /// <summary>Complete snapshots, newest first.</summary>
    Task<IReadOnlyList<SnapshotManifest>> ListAsync(CancellationToken ct);

    Task<SnapshotManifest> LoadAsync(string id, CancellationToken ct);

    FileStream OpenArtifact(SnapshotManifest manifest, SnapshotArtifact artifact);

    string PathOf(SnapshotManifest manifest, SnapshotArtifact artifact);

    Task VerifyManifestChecksumAsync(SnapshotManifest manifest, CancellationToken ct);

    Task MarkVerifiedAsync(string id, CancellationToken ct);

    bool IsVerified(string id);

    void Delete(string id);
}
