using Backtrack.Snapshots;

namespace Backtrack.Cli.Commands;

/// <summary>The --only values of the snapshot and database commands.</summary>
public static class SnapshotScopeOption
{
    public static SnapshotScope Parse(string? value, bool allowDatabases) => value switch
    {
        null => SnapshotScope.Databases,
        "databases" when allowDatabases => SnapshotScope.Databases,
        "postgres" => SnapshotScope.Postgres,
        "redis" => SnapshotScope.Redis,
        _ => throw new BacktrackException(
            $"--only must be {(allowDatabases ? "databases, " : "")}postgres or redis, not '{value}'"),
    };
}
