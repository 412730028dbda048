using System.Globalization;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.State;
using Microsoft.Data.Sqlite;

namespace Backtrack.Execution;

/// <summary>
/// Writes every operation to the state database: its plan as data first (each step's kind and parameters,
/// before anything runs), then every step's start, end, outcome and error. Repair, reports and verification
/// read it back through <see cref="JournalReader"/>.
/// </summary>
public sealed class Journal(StateDatabase database, TimeProvider clock, string command) : IExecutionObserver
{
    private readonly Dictionary<PlanStep, int> indexes = new(ReferenceEqualityComparer.Instance);

    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct)
    {
        var sealedValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = plan.Steps.Select((step, index) =>
        {
            indexes[step] = index;
            return (Index: index, Step: step, Params: StepCatalog.Serialize(step, sealedValues));
        }).ToList();
        return database.RunAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction();
                await ExecuteAsync(connection, "INSERT INTO operations (id, kind, command, started, summary) VALUES ($id, $kind, $command, $at, $summary)", ct,
                    ("$id", operationId), ("$kind", plan.Kind), ("$command", command), ("$at", Now()), ("$summary", plan.Summary)).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    await ExecuteAsync(connection,
                        "INSERT INTO plan_steps (operation_id, idx, kind, wave, lane, description, undo, params) VALUES ($op, $idx, $kind, $wave, $lane, $text, $undo, $params)",
                        ct,
                        ("$op", operationId), ("$idx", row.Index), ("$kind", row.Step.Kind), ("$wave", row.Step.Wave), ("$lane", row.Step.Lane),
                        ("$text", row.Step.Describe()), ("$undo", row.Step.DescribeCompensation()), ("$params", row.Params)).ConfigureAwait(false);
                }

                foreach (var (digest, json) in sealedValues)
                {
                    await ExecuteAsync(connection, "INSERT OR IGNORE INTO sealed_values (digest, json) VALUES ($digest, $json)", ct, ("$digest", digest), ("$json", json))
                        .ConfigureAwait(false);
                }

                transaction.Commit();
                return 0;
            },
            ct);
    }

    public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) =>
        RunAsync(
            "INSERT INTO steps (operation_id, seq, step_index, lane, kind, phase, description, started) VALUES ($op, $seq, $idx, $lane, $kind, $phase, $text, $at)",
            ct,
            ("$op", operationId), ("$seq", sequence), ("$idx", indexes.TryGetValue(step, out var index) ? index : null), ("$lane", step.Lane), ("$kind", step.Kind),
            ("$phase", phase.ToString().ToLowerInvariant()), ("$text", phase == StepPhase.Apply ? step.Describe() : step.DescribeCompensation()), ("$at", Now()));

    public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct) =>
        RunAsync(
            "UPDATE steps SET ended = $at, outcome = $outcome, error = $error WHERE operation_id = $op AND seq = $seq",
            ct,
            ("$op", operationId), ("$seq", sequence), ("$at", Now()), ("$outcome", error is null ? "ok" : "failed"), ("$error", error?.Message));

    public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct) =>
        RunAsync(
            "UPDATE operations SET ended = $at, outcome = $outcome, error = $error WHERE id = $id",
            ct,
            ("$id", operationId), ("$at", Now()), ("$outcome", result.Outcome.ToString()),
            ("$error", result.Error is null ? null : string.Join("; ", [result.Error, .. result.CompensationErrors])));

    /// <summary>Closes an operation that a repair undid (or completed): an interrupted one gets its end and outcome now.</summary>
    public Task MarkRepairedAsync(string operationId, string repairId, CancellationToken ct) =>
        RunAsync(
            "UPDATE operations SET repaired_by = $repair, outcome = CASE WHEN ended IS NULL THEN 'Interrupted' ELSE outcome END, ended = COALESCE(ended, $at) WHERE id = $id",
            ct,
            ("$id", operationId), ("$repair", repairId), ("$at", Now()));

    /// <summary>One notice to one channel: delivered (no error) or not and why (redacted by the caller and here).</summary>
    public Task RecordNotificationAsync(string operationId, string channel, string noticeEvent, string? error, CancellationToken ct) =>
        RunAsync(
            "INSERT INTO notifications (operation_id, at, channel, event, error) VALUES ($op, $at, $channel, $event, $error)",
            ct,
            ("$op", operationId), ("$at", Now()), ("$channel", channel), ("$event", noticeEvent), ("$error", error));

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Texts (descriptions, errors, the summary, the command line) are stored with secrets redacted; IDs, times and parameters as they are.</summary>
    private static object? Redacted(string name, object? value) =>
        value is string text && name is "$text" or "$undo" or "$error" or "$summary" or "$command" ? SecretRegistry.Redact(text) : value;

    private Task<int> RunAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        database.RunAsync(connection => ExecuteAsync(connection, sql, ct, parameters), ct);

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, Redacted(name, value) ?? DBNull.Value));
        }

        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
