namespace Backtrack.Snapshots;

/// <summary>The Redis side of a snapshot: server, data directory and file names, and the key count to check a restore against.</summary>
public sealed record RedisSnapshot(
    string Service,
    string ImageId,
    string Version,
    string Directory,
    string DbFilename,
    bool AppendOnly,
    string AppendDirName,
    long Keys);
