using Backtrack.Planning;

namespace Backtrack.FullSystem.Steps;

/// <summary>
/// Does nothing going forward; undone (the executor undoes newest first, so after every later step),
/// it restores the whole safety snapshot with the same steps a full rollback runs.
/// </summary>
[StepKind("full.restore-on-undo")]
public sealed record RestoreOnUndoStep(int Wave, string Lane, string SafetySnapshotId) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"on failure: restore the whole safety snapshot {SafetySnapshotId}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;

    public override string DescribeCompensation() => $"restore the safety snapshot {SafetySnapshotId}: services, config, volumes, databases";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => FullRestore.RunAsync(context, SafetySnapshotId, ct);
}
