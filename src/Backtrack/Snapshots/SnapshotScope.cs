namespace Backtrack.Snapshots;

/// <summary>Which databases a snapshot or a restore covers.</summary>
[Flags]
public enum SnapshotScope
{
    None = 0,
    Postgres = 1,
    Redis = 2,
    Databases = Postgres | Redis,
}
