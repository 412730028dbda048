using Backtrack.Compose;
using Backtrack.Planning;

namespace Backtrack.FullSystem.Steps;

/// <summary>Removes every (stopped) container of the project, so its volumes can be replaced; the snapshot's specs create them again.</summary>
[StepKind("full.remove-services")]
public sealed record RemoveServicesStep(int Wave, string Lane) : PlanStep(Wave, Lane)
{
    public override string Describe() => "remove the project's stopped containers (created again from the snapshot's specs)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var containers = await context.Engine.ListContainersAsync(
            new Dictionary<string, string?> { [ComposeLabels.Project] = context.Environment.Project, [ComposeLabels.Service] = null }, ct).ConfigureAwait(false);
        foreach (var container in containers)
        {
            await context.Engine.RemoveContainerAsync(container.Id, ct).ConfigureAwait(false);
        }
    }
}
