using Backtrack.Planning;
using Backtrack.Snapshots.Postgres;

namespace Backtrack.Databases.Steps;

/// <summary>Creates the empty database the dump is restored into (from template0, with the original's owner, encoding and locale).</summary>
[StepKind("postgres.create-staging")]
public sealed record CreateStagingDatabaseStep(
    int Wave, string Lane, string Staging, string Owner, string Encoding, string Collate, string Ctype) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"create database {Staging} from template0 (owner {Owner}, {Encoding})";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        await DatabaseStepSupport.DropAsync(client, Staging, ct).ConfigureAwait(false);
        await client.ExecuteAsync(
            PostgresClient.MaintenanceDatabase,
            $"CREATE DATABASE {PostgresSql.Identifier(Staging)} TEMPLATE template0 OWNER {PostgresSql.Identifier(Owner)} "
            + $"ENCODING {PostgresSql.Literal(Encoding)} LC_COLLATE {PostgresSql.Literal(Collate)} LC_CTYPE {PostgresSql.Literal(Ctype)}",
            ct).ConfigureAwait(false);
    }

    public override string DescribeCompensation() => $"drop database {Staging}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => DatabaseStepSupport.DropAsync(context, Staging, ct);
}
