using Backtrack.Planning;

namespace Backtrack.Operations;

/// <summary>A repair's step: the undo of step <c>Index</c> of an earlier operation, run forward. It has no undo of its own.</summary>
[StepKind("repair.undo")]
public sealed record UndoStep(int Wave, string OperationId, int Index, PlanStep Inner) : PlanStep(Wave, "repair")
{
    public override string Describe() => $"undo step {Index + 1} of {OperationId} ({Inner.Lane}): {Inner.DescribeCompensation()}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Inner.CompensateAsync(context, ct);
}
