using System.Globalization;
using Backtrack.Planning;
using Backtrack.Secrets;
using Backtrack.State;
using Microsoft.Data.Sqlite;

namespace Backtrack.Execution;

/// <summary>
/// Writes every operation and every step (start, end, outcome, error) to the state database. Reports,
/// verification and repair read it back through <see cref="JournalReader"/>.
/// </summary>
public sealed class Journal(StateDatabase database, TimeProvider clock, string command) : IExecutionObserver
{
    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct) =>
        ExecuteAsync(
            "INSERT INTO operations (id, kind, command, started) VALUES ($id, $kind, $command, $at)",
            ct,
            ("$id", operationId), ("$kind", plan.Kind), ("$command", command), ("$at", Now()));

    public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct) =>
        ExecuteAsync(
            "INSERT INTO steps (operation_id, seq, lane, kind, phase, description, started) VALUES ($op, $seq, $lane, $kind, $phase, $text, $at)",
            ct,
            ("$op", operationId), ("$seq", sequence), ("$lane", step.Lane), ("$kind", step.GetType().Name), ("$phase", phase.ToString().ToLowerInvariant()),
            ("$text", phase == StepPhase.Apply ? step.Describe() : step.DescribeCompensation()), ("$at", Now()));

    public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct) =>
        ExecuteAsync(
            "UPDATE steps SET ended = $at, outcome = $outcome, error = $error WHERE operation_id = $op AND seq = $seq",
            ct,
            ("$op", operationId), ("$seq", sequence), ("$at", Now()), ("$outcome", error is null ? "ok" : "failed"), ("$error", error?.Message));

    public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct) =>
        ExecuteAsync(
            "UPDATE operations SET ended = $at, outcome = $outcome, error = $error WHERE id = $id",
            ct,
            ("$id", operationId), ("$at", Now()), ("$outcome", result.Outcome.ToString()),
            ("$error", result.Error is null ? null : string.Join("; ", [result.Error, .. result.CompensationErrors])));

    /// <summary>Closes an operation whose process died, saying what repaired it.</summary>
    public Task CloseInterruptedAsync(string operationId, string note, CancellationToken ct) =>
        ExecuteAsync(
            "UPDATE operations SET ended = $at, outcome = 'Interrupted', error = $note WHERE id = $id AND ended IS NULL",
            ct,
            ("$id", operationId), ("$at", Now()), ("$note", note));

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Texts (descriptions, errors, notes, the command line) are stored with secrets redacted; IDs and times as they are.</summary>
    private static object? Redacted(string name, object? value) =>
        value is string text && name is "$text" or "$error" or "$note" or "$command" ? SecretRegistry.Redact(text) : value;

    private Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        database.RunAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.Add(new SqliteParameter(name, Redacted(name, value) ?? DBNull.Value));
                }

                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            ct);
}
