namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A snapshot as JSON (snapshot list -o json and the status page's inventory).</summary>
public sealed record SnapshotJson(string Id, string Kind, DateTimeOffset Created, long Bytes, IEnumerable<string>? Postgres, long? RedisKeys, bool Full, IEnumerable<string>? Volumes, IEnumerable<string>? ConfigFiles, string? Note);
