using Backtrack.State;

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
                var operations = await connection.QueryAsync(
                    "SELECT id, kind, command, started, ended, outcome, error FROM operations ORDER BY started DESC LIMIT $limit",
                    r => new OperationRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.Time(3), r.TimeOrNull(4), r.TextOrNull(5), r.TextOrNull(6), []),
                    ct,
                    ("$limit", limit)).ConfigureAwait(false);
                var result = new List<OperationRecord>();
                foreach (var operation in operations)
                {
                    var steps = await connection.QueryAsync(
                        "SELECT seq, lane, kind, phase, description, started, ended, outcome, error FROM steps WHERE operation_id = $op ORDER BY seq",
                        r => new StepRecord(
                            r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.TimeOrNull(6), r.TextOrNull(7), r.TextOrNull(8)),
                        ct,
                        ("$op", operation.Id)).ConfigureAwait(false);
                    result.Add(operation with { Steps = steps });
                }

                return result;
            },
            ct);
}
