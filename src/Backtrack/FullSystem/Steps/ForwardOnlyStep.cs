using Backtrack.Planning;

namespace Backtrack.FullSystem.Steps;

/// <summary>
/// A step of a full restore run forward only: its own undo is left out because the restore of the whole
/// safety snapshot (<see cref="RestoreOnUndoStep"/>) undoes everything after it at once.
/// </summary>
[StepKind("full.forward-only")]
public sealed record ForwardOnlyStep(PlanStep Inner) : PlanStep(Inner.Wave, Inner.Lane)
{
    public override string Describe() => Inner.Describe();

    public override bool BestEffort => Inner.BestEffort;

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Inner.ApplyAsync(context, ct);
}
