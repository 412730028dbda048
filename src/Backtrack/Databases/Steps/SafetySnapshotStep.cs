using Backtrack.Planning;
using Backtrack.Snapshots;

namespace Backtrack.Databases.Steps;

/// <summary>Snapshots the current databases before they are replaced; restoring it is how later steps undo.</summary>
[StepKind("snapshot.safety")]
public sealed record SafetySnapshotStep(int Wave, string Lane, string SnapshotId, SnapshotScope Scope) : PlanStep(Wave, Lane)
{
    public const string SnapshotKind = "safety";

    public override string Describe() => $"safety snapshot {SnapshotId} of the current {SnapshotCreator.Describe(Scope)}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        new SnapshotCreator(context.Containers, context.Clock)
            .CreateAsync(context.Environment, SnapshotId, SnapshotKind, Scope, progress: null, ct);
}
