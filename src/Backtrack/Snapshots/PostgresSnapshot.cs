namespace Backtrack.Snapshots;

/// <summary>The Postgres side of a snapshot: the server it came from and each database's properties and row counts.</summary>
public sealed record PostgresSnapshot(
    string Service,
    string ImageId,
    string ServerVersion,
    int ServerVersionNum,
    IReadOnlyList<PostgresDatabaseSnapshot> Databases)
{
    public int Major => ServerVersionNum / 10000;
}
