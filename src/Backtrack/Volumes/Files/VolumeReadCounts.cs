namespace Backtrack.Volumes.Files;

/// <summary>What an incremental volume snapshot read, and what it took unread from the previous snapshot (same size, mtime, inode, ctime).</summary>
public sealed record VolumeReadCounts(int FilesRead, long BytesRead, int FilesUnchanged, long BytesUnchanged);
