using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// Starts a container; undoing stops it. <paramref name="Replaced"/>, when it is a new container under an old
/// one's name, is the old container's ID: the undo never stops that one, back under the name once an earlier
/// undo (whose journal entry a full disk may have lost) put it back.
/// </summary>
[StepKind("container.start")]
public sealed record StartContainerStep(int Wave, string Lane, string Name, TimeSpan StopTimeout, string? Replaced = null) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"start {Name}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.StartContainerAsync(Name, ct);

    public override string DescribeCompensation() => $"stop {Name}";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (Replaced is null || (await context.Engine.InspectContainerAsync(Name, ct).ConfigureAwait(false))?.Id != Replaced)
        {
            await context.Engine.StopContainerAsync(Name, StopTimeout, ct).ConfigureAwait(false);
        }
    }
}
