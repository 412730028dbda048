using Backtrack.Planning;

namespace Backtrack.Databases.Steps;

/// <summary>Drops a database Backtrack kept aside after a restore (destructive: planned only after a confirmation).</summary>
[StepKind("postgres.drop")]
public sealed record DropDatabaseStep(int Wave, string Lane, string Database) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"drop database {Database}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        DatabaseStepSupport.DropAsync(context, Database, ct);
}
