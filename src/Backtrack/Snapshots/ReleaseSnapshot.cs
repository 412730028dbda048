namespace Backtrack.Snapshots;

/// <summary>
/// The engine-side truth of a full snapshot: the release recorded with it (every service's complete spec
/// and image ID, in the artifact: specs hold env values), which services ran, and the deploy commit.
/// </summary>
public sealed record ReleaseSnapshot(string Artifact, long ReleaseId, string? GitCommit, IReadOnlyList<SnapshotService> Services);
