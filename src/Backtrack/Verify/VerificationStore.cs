using System.Globalization;
using Backtrack.State;

namespace Backtrack.Verify;

/// <summary>The checklist results journaled at the end of operations, one row per check.</summary>
public sealed class VerificationStore(StateDatabase database)
{
    public Task SaveAsync(string operationId, VerifyReport report, CancellationToken ct) =>
        database.RunAsync(
            async connection =>
            {
                using var transaction = connection.BeginTransaction();
                foreach (var (check, seq) in report.Checks.Select((c, i) => (c, i)))
                {
                    using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = """
                        INSERT OR REPLACE INTO verifications (operation_id, at, seq, check_name, subject, passed, detail, window_seconds)
                        VALUES ($op, $at, $seq, $check, $subject, $passed, $detail, $window)
                        """;
                    insert.Parameters.AddWithValue("$op", operationId);
                    insert.Parameters.AddWithValue("$at", report.At.ToString("O", CultureInfo.InvariantCulture));
                    insert.Parameters.AddWithValue("$seq", seq);
                    insert.Parameters.AddWithValue("$check", check.Check);
                    insert.Parameters.AddWithValue("$subject", check.Subject);
                    insert.Parameters.AddWithValue("$passed", check.Passed);
                    insert.Parameters.AddWithValue("$detail", check.Detail);
                    insert.Parameters.AddWithValue("$window", report.Window.TotalSeconds);
                    await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return 0;
            },
            ct);

    /// <summary>The checklist journaled by an operation, or null when it ran none.</summary>
    public Task<VerifyReport?> ForOperationAsync(string operationId, CancellationToken ct) =>
        database.RunAsync(
            async connection =>
            {
                var rows = await connection.QueryAsync(
                    "SELECT at, check_name, subject, passed, detail, window_seconds FROM verifications WHERE operation_id = $op ORDER BY seq",
                    r => (At: r.Time(0), Window: r.GetDouble(5), Check: new VerifyCheck(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetString(4))),
                    ct,
                    ("$op", operationId)).ConfigureAwait(false);
                var checks = rows.Select(r => r.Check).ToList();
                var (at, window) = rows.Count == 0 ? (default, 0) : (rows[^1].At, rows[^1].Window);
                return checks.Count == 0 ? null : new VerifyReport(at, TimeSpan.FromSeconds(window), checks);
            },
            ct);
}
