namespace Backtrack.Volumes;

/// <summary>What an export wrote: the archive's size and sha256, and every file in it with its own.</summary>
public sealed record VolumeArchive(string Volume, string FilePath, long Size, string Sha256, IReadOnlyList<ArchivedFile> Files);
