using Backtrack.Planning;
using Backtrack.Snapshots;

namespace Backtrack.Databases.Steps;

/// <summary>The restored database must hold exactly the snapshot's row count in every table.</summary>
[StepKind("postgres.check-row-counts")]
public sealed record CheckRowCountsStep(int Wave, string Lane, string SnapshotId, string Database, string Staging) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"check the row counts of {Staging} against the snapshot's";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var manifest = await DatabaseStepSupport.ManifestAsync(context, SnapshotId, ct).ConfigureAwait(false);
        var expected = manifest.Postgres?.Databases.FirstOrDefault(d => d.Name == Database)
            ?? throw new BacktrackException($"snapshot {SnapshotId} has no database '{Database}'");
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        var counts = await client.RowCountsAsync(Staging, ct).ConfigureAwait(false);
        RowCountCheck.Require(Database, expected.RowCounts, counts);
    }
}
