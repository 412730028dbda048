using Backtrack.Compose;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Removes the service's kept-aside containers beyond the newest <c>Keep</c>.</summary>
[StepKind("container.prune-aside")]
public sealed record PruneAsideStep(int Wave, string Lane, string Project, string Name, int Keep) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"remove kept-aside containers of {Name} beyond the newest {Keep}";

    public override bool BestEffort => true;

    /// <summary>The old container may be gone once this started: a killed rollback is completed, not undone.</summary>
    public override bool PointOfNoReturn => true;

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var containers = await context.Engine.ListContainersAsync(
            new Dictionary<string, string?> { [ComposeLabels.Project] = Project, [ComposeLabels.Service] = Lane }, ct).ConfigureAwait(false);
        var stale = containers
            .Where(c => ContainerNames.IsAside(c.Name) && ContainerNames.Proper(c.Name) == Name && c.State != "running")
            .OrderByDescending(c => c.Name, StringComparer.Ordinal)
            .Skip(Keep);
        foreach (var container in stale)
        {
            await context.Engine.RemoveContainerAsync(container.Id, ct).ConfigureAwait(false);
        }
    }
}
