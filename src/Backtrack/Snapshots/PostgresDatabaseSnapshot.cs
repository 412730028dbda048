namespace Backtrack.Snapshots;

/// <summary>One dumped database: how to recreate it and the exact row count of each table (schema.table).</summary>
public sealed record PostgresDatabaseSnapshot(
    string Name,
    string Owner,
    string Encoding,
    string Collate,
    string Ctype,
    string Artifact,
    IReadOnlyDictionary<string, long> RowCounts);
