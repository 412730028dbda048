using Backtrack.Planning;
using Backtrack.Snapshots.Postgres;

namespace Backtrack.Databases.Steps;

/// <summary>
/// Puts the restored database in place: ends the live database's sessions, renames it aside (kept until
/// 'backtrack snapshot cleanup'), renames the restored one to the live name. Undoing renames them back.
/// </summary>
[StepKind("postgres.swap")]
public sealed record SwapDatabaseStep(int Wave, string Lane, string Database, string Staging, string Aside) : PlanStep(Wave, Lane)
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(100);
    private const int Attempts = 100;

    public override string Describe() => $"end the sessions of {Database}, rename it to {Aside}, rename {Staging} to {Database}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        if (await client.ExistsAsync(Database, ct).ConfigureAwait(false))
        {
            await RenameAsync(client, Database, Aside, ct).ConfigureAwait(false);
        }

        await RenameAsync(client, Staging, Database, ct).ConfigureAwait(false);
    }

    public override string DescribeCompensation() => $"rename {Database} back to {Staging} and {Aside} back to {Database}";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        if (await client.ExistsAsync(Aside, ct).ConfigureAwait(false))
        {
            if (await client.ExistsAsync(Database, ct).ConfigureAwait(false))
            {
                await RenameAsync(client, Database, Staging, ct).ConfigureAwait(false);
            }

            await RenameAsync(client, Aside, Database, ct).ConfigureAwait(false);
        }
        else if (await client.ExistsAsync(Database, ct).ConfigureAwait(false))
        {
            // Killed between closing the live database to new sessions and renaming it: open it again.
            await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"ALTER DATABASE {PostgresSql.Identifier(Database)} WITH ALLOW_CONNECTIONS true", ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Renames a database after closing it to new sessions and ending its current ones (retried while they wind down).</summary>
    internal static async Task RenameAsync(PostgresClient client, string from, string to, CancellationToken ct)
    {
        var source = PostgresSql.Identifier(from);
        await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"ALTER DATABASE {source} WITH ALLOW_CONNECTIONS false", ct).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await client.ExecuteAsync(
                PostgresClient.MaintenanceDatabase,
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = {PostgresSql.Literal(from)} AND pid <> pg_backend_pid()",
                ct).ConfigureAwait(false);
            try
            {
                await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"ALTER DATABASE {source} RENAME TO {PostgresSql.Identifier(to)}", ct)
                    .ConfigureAwait(false);
                break;
            }
            catch (BacktrackException e) when (attempt < Attempts && e.Message.Contains("being accessed by other users", StringComparison.Ordinal))
            {
                await Task.Delay(RetryEvery, ct).ConfigureAwait(false);
            }
        }

        await client.ExecuteAsync(PostgresClient.MaintenanceDatabase, $"ALTER DATABASE {PostgresSql.Identifier(to)} WITH ALLOW_CONNECTIONS true", ct)
            .ConfigureAwait(false);
    }
}
