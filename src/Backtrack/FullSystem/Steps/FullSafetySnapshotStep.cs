using Backtrack.Planning;
using Backtrack.Status;

namespace Backtrack.FullSystem.Steps;

/// <summary>A full snapshot of the present (kind safety, ID = the operation's) before anything is stopped.</summary>
[StepKind("snapshot.full-safety")]
public sealed record FullSafetySnapshotStep(int Wave, string Lane, string SnapshotId) : PlanStep(Wave, Lane)
{
    public const string SnapshotKind = "safety";

    public override string Describe() => $"safety snapshot {SnapshotId} of the present: config, specs, volumes, databases";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        new FullSnapshotCreator(context.Engine, context.Containers, context.Releases, context.Clock)
            .CreateAsync(context.Environment, SnapshotId, SnapshotKind, SnapshotParts.All, $"before operation {context.OperationId}", progress: null, ct);
}
