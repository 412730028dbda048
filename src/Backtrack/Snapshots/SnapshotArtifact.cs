namespace Backtrack.Snapshots;

/// <summary>
/// One file of a snapshot, relative to its directory, with the size and sha256 computed while it was
/// streamed in. Attributes carry what restoring it needs (the database, the file's owner and mode).
/// </summary>
public sealed record SnapshotArtifact(string Path, string Kind, long Size, string Sha256, IReadOnlyDictionary<string, string> Attributes)
{
    public const string PostgresDump = "postgres-dump";
    public const string PostgresGlobals = "postgres-globals";
    public const string RedisRdb = "redis-rdb";
    public const string RedisAof = "redis-aof";
    public const string VolumeArchive = "volume-archive";

    /// <summary>An incremental volume snapshot's listing (JSON); the file contents are in the shared content store.</summary>
    public const string VolumeFiles = "volume-files";
    public const string ConfigFile = "config-file";
    public const string ComposeConfig = "compose-config";
    public const string ReleaseSpecs = "release";

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
