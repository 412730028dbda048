using System.IO.Pipes;
using System.Text;
using Backtrack.Engine;

namespace Backtrack.Snapshots.Postgres;

/// <summary>
/// One psql session kept open inside the container, in a read-only repeatable-read transaction whose
/// snapshot is exported: pg_dump --snapshot sees exactly what this session's queries see, so the row
/// counts of a snapshot's manifest are those of its dump even while writers run.
/// </summary>
public sealed class PostgresSession : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream toPsql = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream psqlStdin;
    private readonly AnonymousPipeServerStream fromPsql = new(PipeDirection.In);
    private readonly AnonymousPipeClientStream psqlStdout;
    private readonly MemoryStream stderr = new();
    private readonly StreamWriter writer;
    private readonly StreamReader reader;
    private Task<long> run = Task.FromResult(0L);

    private PostgresSession()
    {
        psqlStdin = new AnonymousPipeClientStream(PipeDirection.In, toPsql.ClientSafePipeHandle);
        psqlStdout = new AnonymousPipeClientStream(PipeDirection.Out, fromPsql.ClientSafePipeHandle);
        writer = new StreamWriter(toPsql, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        reader = new StreamReader(fromPsql, Encoding.UTF8);
    }

    /// <summary>The exported snapshot's ID, for pg_dump --snapshot.</summary>
    public string SnapshotId { get; private set; } = "";

    internal static async Task<PostgresSession> OpenAsync(
        IExecAndArchives engine, string container, IReadOnlyList<string> psql, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var session = new PostgresSession();
        session.run = Task.Run(
            async () =>
            {
                try
                {
                    return await engine.ExecStreamAsync(container, psql, environment, session.psqlStdin, session.psqlStdout, session.stderr, ct)
                        .ConfigureAwait(false);
                }
                finally
                {
                    await session.psqlStdout.DisposeAsync().ConfigureAwait(false);
                }
            },
            ct);
        try
        {
            var rows = await session.QueryAsync("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot()", ct).ConfigureAwait(false);
            session.SnapshotId = rows is [[var id, ..], ..] ? id : throw new BacktrackException("psql did not export a snapshot");
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs statements in the session; the rows of their output, fields split.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql, CancellationToken ct)
    {
        var marker = "bt-end-" + Guid.NewGuid().ToString("N");
        await writer.WriteLineAsync($"{sql};\nSELECT '{marker}';".AsMemory(), ct).ConfigureAwait(false);
        var rows = new List<string[]>();
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line == marker)
            {
                return rows;
            }

            if (line.Length > 0)
            {
                rows.Add(line.Split('\u001f'));
            }
        }

        var exit = await run.ConfigureAwait(false);
        var message = Encoding.UTF8.GetString(stderr.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        throw new BacktrackException($"psql session failed (exit {exit}): {(message.Length == 0 ? "no message" : string.Join(" / ", message.Take(3)))}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await writer.WriteLineAsync("COMMIT;").ConfigureAwait(false);
        }
        catch (IOException)
        {
            // psql is gone already.
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (BacktrackException)
        {
            // The failure was reported by the query that met it.
        }
        catch (OperationCanceledException)
        {
        }

        reader.Dispose();
        await psqlStdin.DisposeAsync().ConfigureAwait(false);
        await psqlStdout.DisposeAsync().ConfigureAwait(false);
        await fromPsql.DisposeAsync().ConfigureAwait(false);
        await stderr.DisposeAsync().ConfigureAwait(false);
    }
}
