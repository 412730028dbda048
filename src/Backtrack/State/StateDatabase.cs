using Microsoft.Data.Sqlite;

namespace Backtrack.State;

/// <summary>
/// The environment's SQLite database (releases and journal) in its state directory. It holds container
/// specs, whose env values are secrets: the directory is 0700 and the file 0600.
/// </summary>
public sealed class StateDatabase : IDisposable
{
    private const int SchemaVersion = 5;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteConnection connection;

    private StateDatabase(SqliteConnection connection, string path)
    {
        this.connection = connection;
        Path = path;
    }

    /// <summary>The database's file name in the state directory.</summary>
    public const string FileName = "backtrack.db";

    public string Path { get; }

    public static async Task<StateDatabase> OpenAsync(string stateDirectory, CancellationToken ct)
    {
        StateDirectory.Ensure(stateDirectory);
        var path = System.IO.Path.Combine(stateDirectory, FileName);
        SqliteConnection? connection = null;
        try
        {
            if (!File.Exists(path))
            {
                await File.WriteAllBytesAsync(path, [], ct).ConfigureAwait(false);
            }

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var database = new StateDatabase(connection, path);
            await database.MigrateAsync(ct).ConfigureAwait(false);
            return database;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            connection?.Dispose();
            throw new BacktrackException(
                $"state database {path} cannot be read ({e.Message.TrimEnd('.')}); if it is damaged, move it aside and put back a copy from a backup "
                + "(without one, a new database starts with an empty release history and journal)", e);
        }
    }

    /// <summary>Runs one unit of work on the connection; calls from parallel lanes take turns.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await work(connection).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(await version.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current >= SchemaVersion)
        {
            return;
        }

        // Each version adds to the one before; a database of an older version gets only what it lacks.
        using var schema = connection.CreateCommand();
        schema.CommandText = $"""
            {(current < 1 ? Version1 : "")}
            {(current < 2 ? Version2 : "")}
            {(current < 3 ? Version3 : "")}
            {(current < 4 ? Version4 : "")}
            {(current < 5 ? Version5 : "")}
            PRAGMA user_version = {SchemaVersion};
            """;
        await schema.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private const string Version1 = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS releases (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                created TEXT NOT NULL,
                note TEXT,
                git_commit TEXT,
                origin TEXT NOT NULL,
                operation_id TEXT);
            CREATE TABLE IF NOT EXISTS release_services (
                release_id INTEGER NOT NULL REFERENCES releases(id),
                service TEXT NOT NULL,
                container_name TEXT NOT NULL,
                image TEXT NOT NULL,
                image_id TEXT NOT NULL,
                healthy INTEGER NOT NULL,
                spec TEXT NOT NULL,
                PRIMARY KEY (release_id, service));
            CREATE TABLE IF NOT EXISTS operations (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                command TEXT NOT NULL,
                started TEXT NOT NULL,
                ended TEXT,
                outcome TEXT,
                error TEXT);
            CREATE TABLE IF NOT EXISTS steps (
                operation_id TEXT NOT NULL REFERENCES operations(id),
                seq INTEGER NOT NULL,
                lane TEXT NOT NULL,
                kind TEXT NOT NULL,
                phase TEXT NOT NULL,
                description TEXT NOT NULL,
                started TEXT NOT NULL,
                ended TEXT,
                outcome TEXT,
                error TEXT,
                PRIMARY KEY (operation_id, seq));
            """;

    /// <summary>Version 2: the post-rollback checklist's results, one row per check.</summary>
    private const string Version2 = """
            CREATE TABLE IF NOT EXISTS verifications (
                operation_id TEXT NOT NULL,
                at TEXT NOT NULL,
                seq INTEGER NOT NULL,
                check_name TEXT NOT NULL,
                subject TEXT NOT NULL,
                passed INTEGER NOT NULL,
                detail TEXT NOT NULL,
                window_seconds REAL NOT NULL,
                PRIMARY KEY (operation_id, seq));
            """;

    /// <summary>
    /// Version 3: operations as data. Every step of a plan with its stable kind and parameters, journaled
    /// before anything runs, so repair rebuilds the operation; sealed parameters (specs with env values)
    /// by digest; which repair closed an operation.
    /// </summary>
    private const string Version3 = """
            ALTER TABLE operations ADD COLUMN summary TEXT;
            ALTER TABLE operations ADD COLUMN repaired_by TEXT;
            ALTER TABLE steps ADD COLUMN step_index INTEGER;
            CREATE TABLE IF NOT EXISTS plan_steps (
                operation_id TEXT NOT NULL REFERENCES operations(id),
                idx INTEGER NOT NULL,
                kind TEXT NOT NULL,
                wave INTEGER NOT NULL,
                lane TEXT NOT NULL,
                description TEXT NOT NULL,
                undo TEXT,
                params TEXT NOT NULL,
                PRIMARY KEY (operation_id, idx));
            CREATE TABLE IF NOT EXISTS sealed_values (
                digest TEXT PRIMARY KEY,
                json TEXT NOT NULL);
            """;

    /// <summary>Version 4: every notice sent to a notification channel, and the error when it was not delivered.</summary>
    private const string Version4 = """
            CREATE TABLE IF NOT EXISTS notifications (
                operation_id TEXT NOT NULL,
                at TEXT NOT NULL,
                channel TEXT NOT NULL,
                event TEXT NOT NULL,
                error TEXT);
            """;

    /// <summary>Version 5: a swarm service's whole spec (the engine's JSON) and the version index it was recorded at.</summary>
    private const string Version5 = """
            ALTER TABLE release_services ADD COLUMN service_spec TEXT;
            ALTER TABLE release_services ADD COLUMN spec_version INTEGER;
            """;
}
