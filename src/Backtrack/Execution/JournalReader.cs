using System.Globalization;
using Backtrack.State;
using Microsoft.Data.Sqlite;

namespace Backtrack.Execution;

public sealed record OperationRecord(
    string Id, string Kind, string Command, DateTimeOffset Started, DateTimeOffset? Ended, string? Outcome, string? Error,
    IReadOnlyList<StepRecord> Steps);

public sealed record StepRecord(
    int Sequence, string Lane, string Kind, string Phase, string Description, DateTimeOffset Started, DateTimeOffset? Ended, string? Outcome, string? Error);

/// <summary>Reads the journal back: operations newest first, each with its steps in order.</summary>
public sealed class JournalReader(StateDatabase database)
{
    /// <summary>Operations that never ended: while nobody holds the lock, their process was killed.</summary>
    public async Task<IReadOnlyList<OperationRecord>> UnfinishedAsync(CancellationToken ct) =>
        (await ListAsync(int.MaxValue, ct).ConfigureAwait(false)).Where(o => o.Ended is null).ToList();

    public Task<IReadOnlyList<OperationRecord>> ListAsync(int limit, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<OperationRecord>>(
            async connection =>
            {
                var operations = new List<OperationRecord>();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT id, kind, command, started, ended, outcome, error FROM operations ORDER BY started DESC LIMIT $limit";
                    command.Parameters.AddWithValue("$limit", limit);
                    using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        operations.Add(new OperationRecord(
                            reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3)!.Value, Time(reader, 4),
                            Text(reader, 5), Text(reader, 6), []));
                    }
                }

                var result = new List<OperationRecord>();
                foreach (var operation in operations)
                {
                    result.Add(operation with { Steps = await StepsAsync(connection, operation.Id, ct).ConfigureAwait(false) });
                }

                return result;
            },
            ct);

    private static async Task<IReadOnlyList<StepRecord>> StepsAsync(SqliteConnection connection, string operationId, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, lane, kind, phase, description, started, ended, outcome, error FROM steps WHERE operation_id = $op ORDER BY seq";
        command.Parameters.AddWithValue("$op", operationId);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var steps = new List<StepRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            steps.Add(new StepRecord(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Time(reader, 5)!.Value,
                Time(reader, 6), Text(reader, 7), Text(reader, 8)));
        }

        return steps;
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture);
}
