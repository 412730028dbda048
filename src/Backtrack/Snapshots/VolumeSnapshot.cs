using Backtrack.Volumes;

namespace Backtrack.Snapshots;

/// <summary>
/// One named volume of the project: its labels (to create it again), its archive, and every file in it
/// with size and sha256. A database's own volume is restored through the database's dump, not its files.
/// </summary>
public sealed record VolumeSnapshot(string Name, IReadOnlyDictionary<string, string> Labels, string Artifact, bool Database, IReadOnlyList<ArchivedFile> Files);
