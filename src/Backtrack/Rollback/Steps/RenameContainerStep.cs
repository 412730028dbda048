using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// Renames a container. <paramref name="Replaced"/>, when the renamed container is a new one taking an old
/// one's name, is the old container's ID: the undo never renames it, since it holds the name again once an
/// earlier undo (whose journal entry a full disk may have lost) put it back.
/// </summary>
[StepKind("container.rename")]
public sealed record RenameContainerStep(int Wave, string Lane, string From, string To, string? Replaced = null) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"rename {From} to {To}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.RenameContainerAsync(From, To, ct);

    public override string DescribeCompensation() => $"rename {To} back to {From}";

    /// <summary>
    /// Idempotent: nothing to do when a container has the old name again (undone, or never renamed), none has
    /// the new one, or the one that has it is the replaced container, back in its place.
    /// </summary>
    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (await context.Engine.InspectContainerAsync(From, ct).ConfigureAwait(false) is null
            && await context.Engine.InspectContainerAsync(To, ct).ConfigureAwait(false) is { } renamed
            && renamed.Id != Replaced)
        {
            await context.Engine.RenameContainerAsync(To, From, ct).ConfigureAwait(false);
        }
    }
}
