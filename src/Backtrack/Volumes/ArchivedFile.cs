namespace Backtrack.Volumes;

/// <summary>One entry of a volume archive: its path, size and sha256 (empty for directories and links).</summary>
public sealed record ArchivedFile(string Path, long Size, string Sha256);
