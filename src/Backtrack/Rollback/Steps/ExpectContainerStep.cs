using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Refuses to go on when the service's container is not the one the plan was made for.</summary>
[StepKind("container.expect")]
public sealed record ExpectContainerStep(int Wave, string Lane, string ContainerName, string ContainerId) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"check {ContainerName} is still container {ContainerId[..12]}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var container = await context.Engine.InspectContainerAsync(ContainerName, ct).ConfigureAwait(false);
        if (container?.Id != ContainerId)
        {
            throw new ConflictException(
                $"{ContainerName} changed since the plan was made (now {container?.Id[..12] ?? "absent"}); someone deployed meanwhile: plan again");
        }
    }
}
