using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// Sets the stopped old container aside: restart policy "no", then the aside name. An "always" container
/// stopped by hand is started again when the daemon starts, and would run beside the new one. Undoing
/// renames it back and gives it its own policy again; it is idempotent (after a crash it may run when the
/// container is already back), so it finds the container by ID.
/// </summary>
[StepKind("container.set-aside")]
public sealed record SetAsideStep(
    int Wave, string Lane, string ContainerId, string Name, string AsideName, string PolicyName, long MaximumRetryCount) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"set {Name} aside as {AsideName} with restart policy {RestartPolicy.No}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        await context.Engine.SetRestartPolicyAsync(ContainerId, RestartPolicy.No, ct).ConfigureAwait(false);
        await context.Engine.RenameContainerAsync(ContainerId, AsideName, ct).ConfigureAwait(false);
    }

    public override string DescribeCompensation() => $"rename {AsideName} back to {Name} with restart policy {Policy}";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        var container = await context.Engine.InspectContainerAsync(ContainerId, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"{Name} ({ContainerId[..12]}) is gone: it cannot be put back");
        if (container.Name != Name)
        {
            await context.Engine.RenameContainerAsync(ContainerId, Name, ct).ConfigureAwait(false);
        }

        // Renamed first: a container left aside keeps "no", so a daemon restart never starts it beside the new one.
        await context.Engine.SetRestartPolicyAsync(ContainerId, Policy, ct).ConfigureAwait(false);
    }

    private RestartPolicy Policy => RestartPolicy.Of(PolicyName, MaximumRetryCount);
}
