using Backtrack.Planning;
using Backtrack.State;

namespace Backtrack.Execution;

public sealed record OperationRecord(
    string Id, string Kind, string Command, DateTimeOffset Started, DateTimeOffset? Ended, string? Outcome, string? Error,
    IReadOnlyList<StepRecord> Steps)
{
    public string? Summary { get; init; }

    /// <summary>The repair that undid or completed this operation, if one did.</summary>
    public string? RepairedBy { get; init; }

    /// <summary>Ended with a failed undo and not repaired since: it blocks changes like an interrupted one.</summary>
    public bool UndoFailed => Outcome == nameof(ExecutionOutcome.CompensationFailed) && RepairedBy is null;
}

/// <summary>One execution of a step; <see cref="Index"/> is its place in the journaled plan (null before schema 3).</summary>
public sealed record StepRecord(
    int Sequence, string Lane, string Kind, string Phase, string Description, DateTimeOffset Started, DateTimeOffset? Ended, string? Outcome, string? Error)
{
    public int? Index { get; init; }
}

/// <summary>A step of a journaled plan, rebuilt from its kind and parameters.</summary>
public sealed record JournaledStep(int Index, PlanStep Step);

/// <summary>Reads the journal back: operations newest first, each with its steps in order, and plans rebuilt as steps.</summary>
public sealed class JournalReader(StateDatabase database)
{
    /// <summary>
    /// Operations that need a repair: never ended (their process died), or ended with a failed undo and not
    /// repaired since; newest first. Asked of the database: every mutating command and status asks.
    /// </summary>
    public Task<IReadOnlyList<OperationRecord>> NeedingRepairAsync(CancellationToken ct) =>
        QueryAsync($"WHERE ended IS NULL OR (outcome = '{nameof(ExecutionOutcome.CompensationFailed)}' AND repaired_by IS NULL)", int.MaxValue, ct);

    public Task<IReadOnlyList<OperationRecord>> ListAsync(int limit, CancellationToken ct) => QueryAsync("", limit, ct);

    /// <summary>Operations matching a fixed WHERE clause (never user text), newest first, each with its steps.</summary>
    private Task<IReadOnlyList<OperationRecord>> QueryAsync(string where, int limit, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<OperationRecord>>(
            async connection =>
            {
                var operations = await connection.QueryAsync(
                    $"SELECT id, kind, command, started, ended, outcome, error, summary, repaired_by FROM operations {where} ORDER BY started DESC LIMIT $limit",
                    r => new OperationRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.Time(3), r.TimeOrNull(4), r.TextOrNull(5), r.TextOrNull(6), [])
                    {
                        Summary = r.TextOrNull(7),
                        RepairedBy = r.TextOrNull(8),
                    },
                    ct,
                    ("$limit", limit)).ConfigureAwait(false);
                var result = new List<OperationRecord>();
                foreach (var operation in operations)
                {
                    var steps = await connection.QueryAsync(
                        "SELECT seq, lane, kind, phase, description, started, ended, outcome, error, step_index FROM steps WHERE operation_id = $op ORDER BY seq",
                        r => new StepRecord(
                            r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Time(5), r.TimeOrNull(6), r.TextOrNull(7), r.TextOrNull(8))
                        {
                            Index = r.IsDBNull(9) ? null : r.GetInt32(9),
                        },
                        ct,
                        ("$op", operation.Id)).ConfigureAwait(false);
                    result.Add(operation with { Steps = steps });
                }

                return result;
            },
            ct);

    /// <summary>The operation's plan as it was journaled, every step rebuilt from its kind and parameters.</summary>
    public Task<IReadOnlyList<JournaledStep>> PlanAsync(string operationId, CancellationToken ct) =>
        database.RunAsync<IReadOnlyList<JournaledStep>>(
            async connection =>
            {
                var rows = await connection.QueryAsync(
                    "SELECT idx, kind, params FROM plan_steps WHERE operation_id = $op ORDER BY idx",
                    r => (Index: r.GetInt32(0), Kind: r.GetString(1), Params: r.GetString(2)),
                    ct,
                    ("$op", operationId)).ConfigureAwait(false);
                var sealedValues = (await connection.QueryAsync(
                        "SELECT digest, json FROM sealed_values WHERE instr($params, digest) > 0",
                        r => (Digest: r.GetString(0), Json: r.GetString(1)),
                        ct,
                        ("$params", string.Concat(rows.Select(r => r.Params)))).ConfigureAwait(false))
                    .ToDictionary(v => v.Digest, v => v.Json, StringComparer.Ordinal);
                return rows.Select(r => new JournaledStep(r.Index, StepCatalog.Deserialize(r.Kind, r.Params, sealedValues))).ToList();
            },
            ct);
}
