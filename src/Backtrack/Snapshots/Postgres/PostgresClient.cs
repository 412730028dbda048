using System.Globalization;
using System.Text;
using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Snapshots.Postgres;

/// <summary>
/// Postgres through its own tools inside its container (so the client always matches the server), run
/// through the engine's exec API without a TTY, over TCP to 127.0.0.1 so the configured password is what
/// authenticates; the password travels in the exec environment only.
/// </summary>
public sealed class PostgresClient(IExecAndArchives engine, string container, PostgresConfig config)
{
    public const string MaintenanceDatabase = "postgres";
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(30);

    public string Container => container;

    public PostgresConfig Config => config;

    /// <summary>Rows of a query's result, fields split; throws with psql's message when it fails.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string database, string sql, CancellationToken ct)
    {
        var result = await engine.ExecAsync(
            container,
            ["psql", "-X", "-q", "-A", "-t", "-F", "\u001f", "-v", "ON_ERROR_STOP=1", .. Connection(database), "-c", sql],
            PostgresCredentials.ClientEnvironment(config),
            QueryTimeout,
            ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Failure("psql", result.ExitCode, result.Stderr);
        }

        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\u001f')).ToList();
    }

    public async Task<string> ScalarAsync(string database, string sql, CancellationToken ct) =>
        (await QueryAsync(database, sql, ct).ConfigureAwait(false)) is [[var value, ..], ..] ? value : "";

    /// <summary>Runs a script read from a stream, stopping at its first error.</summary>
    public async Task ExecuteScriptAsync(string database, Stream script, CancellationToken ct) =>
        await RunAsync("psql", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", .. Connection(database), "-f", "-"], script, Stream.Null, ct)
            .ConfigureAwait(false);

    public async Task ExecuteAsync(string database, string sql, CancellationToken ct) =>
        await QueryAsync(database, sql, ct).ConfigureAwait(false);

    /// <summary>The server's version ("15.10 (Debian ...)") and number (150010). The first call of an operation: a wrong password fails here.</summary>
    public async Task<(string Version, int Number)> ServerVersionAsync(CancellationToken ct)
    {
        var rows = await QueryAsync(MaintenanceDatabase, "SELECT current_setting('server_version'), current_setting('server_version_num')", ct)
            .ConfigureAwait(false);
        return (rows[0][0], int.Parse(rows[0][1], CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<string>> UserDatabasesAsync(CancellationToken ct) =>
        (await QueryAsync(MaintenanceDatabase, PostgresSql.UserDatabases, ct).ConfigureAwait(false)).Select(r => r[0]).ToList();

    public async Task<bool> ExistsAsync(string database, CancellationToken ct) =>
        await ScalarAsync(MaintenanceDatabase, $"SELECT count(*) FROM pg_database WHERE datname = {PostgresSql.Literal(database)}", ct).ConfigureAwait(false) == "1";

    /// <summary>Owner, encoding and locale of a database, to create its replacement alike.</summary>
    public async Task<(string Owner, string Encoding, string Collate, string Ctype)> PropertiesAsync(string database, CancellationToken ct)
    {
        var rows = await QueryAsync(
            MaintenanceDatabase,
            "SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = "
            + PostgresSql.Literal(database),
            ct).ConfigureAwait(false);
        return rows is [var row, ..]
            ? (row[0], row[1], row[2], row[3])
            : throw new BacktrackException($"database '{database}' does not exist in {container}");
    }

    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(string database, CancellationToken ct) =>
        ParseRowCounts(await QueryAsync(database, PostgresSql.RowCounts, ct).ConfigureAwait(false));

    internal static IReadOnlyDictionary<string, long> ParseRowCounts(IEnumerable<string[]> rows) =>
        new SortedDictionary<string, long>(rows.ToDictionary(r => r[0], r => long.Parse(r[1], CultureInfo.InvariantCulture)), StringComparer.Ordinal);

    /// <summary>pg_dump -Fc at the configured compression level of one database streamed to <paramref name="output"/>, optionally inside an exported snapshot.</summary>
    public Task DumpAsync(string database, string? snapshot, Stream output, CancellationToken ct) =>
        RunAsync("pg_dump", ["pg_dump", "-Fc", "-Z", config.Compression.ToString(CultureInfo.InvariantCulture), .. snapshot is null ? Array.Empty<string>() : ["--snapshot=" + snapshot], .. Connection(database)], null, output, ct);

    /// <summary>Roles and tablespaces (pg_dumpall --globals-only).</summary>
    public Task DumpGlobalsAsync(Stream output, CancellationToken ct) =>
        RunAsync("pg_dumpall", ["pg_dumpall", "--globals-only", "-h", "127.0.0.1", "-U", config.User, "-l", MaintenanceDatabase], null, output, ct);

    /// <summary>
    /// pg_restore --exit-on-error of a custom-format dump into an existing database: from a copy of the dump in
    /// the container with parallel jobs (they need a file; a third less time on two CPUs, bench/db.sh), or,
    /// when the container takes no file, streamed through stdin with one job.
    /// </summary>
    public async Task RestoreAsync(string database, FileStream dump, CancellationToken ct)
    {
        if (await ContainerDumpFile.TryPutAsync(engine, container, dump, ct).ConfigureAwait(false) is { } file)
        {
            await using (file.ConfigureAwait(false))
            {
                var jobs = file.Jobs.ToString(CultureInfo.InvariantCulture);
                await RunAsync("pg_restore", ["pg_restore", "--exit-on-error", "--jobs", jobs, .. Connection(database), file.Path], null, Stream.Null, ct)
                    .ConfigureAwait(false);
                return;
            }
        }

        dump.Position = 0;
        await RunAsync("pg_restore", ["pg_restore", "--exit-on-error", .. Connection(database)], dump, Stream.Null, ct).ConfigureAwait(false);
    }

    /// <summary>pg_restore --list of a dump: reads its table of contents; fails on a damaged archive. Returns the number of entries.</summary>
    public async Task<int> ListArchiveAsync(Stream dump, CancellationToken ct)
    {
        using var listing = new MemoryStream();
        await RunAsync("pg_restore", ["pg_restore", "--list"], dump, listing, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(listing.ToArray()).Split('\n').Count(l => l.Length > 0 && !l.StartsWith(';'));
    }

    /// <summary>A session in one repeatable-read transaction whose snapshot pg_dump shares, so counts and dump agree.</summary>
    public Task<PostgresSession> OpenSnapshotSessionAsync(string database, CancellationToken ct) =>
        PostgresSession.OpenAsync(engine, container, ["psql", "-X", "-q", "-A", "-t", "-F", "\u001f", "-v", "ON_ERROR_STOP=1", .. Connection(database)],
            PostgresCredentials.ClientEnvironment(config), ct);

    private string[] Connection(string database) => ["-h", "127.0.0.1", "-U", config.User, "-d", database];

    private async Task RunAsync(string tool, IReadOnlyList<string> command, Stream? stdin, Stream stdout, CancellationToken ct)
    {
        using var stderr = new MemoryStream();
        var exit = await engine.ExecStreamAsync(container, command, PostgresCredentials.ClientEnvironment(config), stdin, stdout, stderr, ct)
            .ConfigureAwait(false);
        if (exit != 0)
        {
            throw Failure(tool, exit, Encoding.UTF8.GetString(stderr.ToArray()));
        }
    }

    private BacktrackException Failure(string tool, long exit, string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var detail = lines.Length == 0 ? "no message" : string.Join(" / ", lines.Take(3));
        return new BacktrackException($"{tool} in {container[..Math.Min(12, container.Length)]} failed (exit {exit}): {detail}");
    }
}
