using Backtrack.Compose;
using Backtrack.Planning;

namespace Backtrack.FullSystem.Steps;

/// <summary>Stops every running container of the project in reverse dependency order (a network-namespace sharer before its host).</summary>
[StepKind("full.stop-services")]
public sealed record StopServicesStep(int Wave, string Lane, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"stop every service of the project in reverse dependency order, within {Timeout.TotalSeconds:0.#} s each";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var summaries = await context.Engine.ListContainersAsync(
            new Dictionary<string, string?> { [ComposeLabels.Project] = context.Environment.Project, [ComposeLabels.Service] = null }, ct).ConfigureAwait(false);
        var details = (await Task.WhenAll(summaries.Select(s => context.Engine.InspectContainerAsync(s.Id, ct))).ConfigureAwait(false)).OfType<Engine.ContainerDetails>().ToList();
        var nodes = details.Select(d => (Service: d.Spec.Labels.GetValueOrDefault(ComposeLabels.Service, d.Name), d.Id, d.Name, d.Spec)).ToList();
        var levels = ServiceOrder.Levels(nodes.DistinctBy(n => n.Service).ToList());
        foreach (var container in details.Where(d => d.State.Running).OrderByDescending(d => levels[nodes.First(n => n.Id == d.Id).Service]))
        {
            await context.Engine.StopContainerAsync(container.Id, Timeout, ct).ConfigureAwait(false);
        }
    }
}
