using Backtrack.Volumes;
using Backtrack.Volumes.Files;

namespace Backtrack.Snapshots;

/// <summary>
/// One named volume of the project: its labels (to create it again), its artifact, and every file in it
/// with size and sha256. The artifact is a tar archive (Files lists it), or, read from a local mountpoint,
/// a listing whose contents are in the shared content store (Files empty; Read says what was read and
/// what was shared unread with the previous snapshot). A database's own volume is restored through the
/// database's dump, not its files.
/// </summary>
public sealed record VolumeSnapshot(
    string Name, IReadOnlyDictionary<string, string> Labels, string Artifact, bool Database, IReadOnlyList<ArchivedFile> Files, VolumeReadCounts? Read = null);
