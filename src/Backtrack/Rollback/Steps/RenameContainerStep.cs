using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

public sealed record RenameContainerStep(int Wave, string Lane, string From, string To) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"rename {From} to {To}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.RenameContainerAsync(From, To, ct);

    public override string DescribeCompensation() => $"rename {To} back to {From}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => context.Engine.RenameContainerAsync(To, From, ct);
}
