using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

[StepKind("container.rename")]
public sealed record RenameContainerStep(int Wave, string Lane, string From, string To) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"rename {From} to {To}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.RenameContainerAsync(From, To, ct);

    public override string DescribeCompensation() => $"rename {To} back to {From}";

    /// <summary>Idempotent: nothing to do when a container has the old name again (undone, or never renamed) or none has the new one.</summary>
    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (await context.Engine.InspectContainerAsync(From, ct).ConfigureAwait(false) is null
            && await context.Engine.InspectContainerAsync(To, ct).ConfigureAwait(false) is not null)
        {
            await context.Engine.RenameContainerAsync(To, From, ct).ConfigureAwait(false);
        }
    }
}
