using Backtrack.Cleanup.Steps;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Cleanup;

/// <summary>
/// Plans the cleanup after an incident: archive the affected services' logs since the incident began,
/// then remove kept-aside containers beyond <c>keepAside</c> and the images <see cref="RetentionPolicy"/>
/// allows — only images of the environment's own repositories, never another project's on a shared engine.
/// On a swarm the stack's task containers stand for the project's (no container is ever kept aside there)
/// and the image of every service's current spec stays, whether or not a task runs it now.
/// </summary>
public sealed class CleanupPlanner(IEngineQueries engine, ProjectInspector inspector, ReleaseStore releases, JournalReader journal, TimeProvider clock)
{
    private const int HistoryDepth = 1000;

    /// <summary>Lanes of a plan that are not services.</summary>
    private static readonly HashSet<string> NonServiceLanes = ["images", "release", "verify", "logs"];

    public async Task<Plan> PlanAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var planId = Plan.NewId(clock);
        var steps = new List<PlanStep>();
        var project = await ProjectContainersAsync(env, ct).ConfigureAwait(false);

        var incident = (await journal.ListAsync(HistoryDepth, ct).ConfigureAwait(false)).FirstOrDefault(o => o.Kind == "rollback");
        if (incident is not null)
        {
            var services = incident.Steps.Select(s => s.Lane).Where(l => !NonServiceLanes.Contains(l)).ToHashSet(StringComparer.Ordinal);
            var containers = project.Where(c => services.Contains(ServiceOf(env, c))).Select(c => c.Name).ToList();
            if (containers.Count > 0)
            {
                steps.Add(new ArchiveLogsStep(0, containers, incident.Started, Path.Combine(env.StateDirectory, "logs", $"{incident.Id}.tar.gz")));
            }
        }

        foreach (var service in project.Where(c => ContainerNames.IsAside(c.Name) && c.State != "running").GroupBy(c => ServiceOf(env, c)))
        {
            steps.AddRange(service.OrderByDescending(c => c.Name, StringComparer.Ordinal).Skip(Math.Max(env.KeepAside, 0))
                .Select(c => new RemoveContainerStep(1, service.Key, c.Name)));
        }

        steps.AddRange(await ImageStepsAsync(env, project, ct).ConfigureAwait(false));
        var summary = steps.Count == 0
            ? "nothing to clean up"
            : $"{steps.OfType<RemoveImageStep>().Count()} images and {steps.OfType<RemoveContainerStep>().Count()} kept-aside containers to remove"
                + (steps.OfType<ArchiveLogsStep>().Any() ? $", logs since rollback {incident!.Id} to archive" : "");
        return new Plan(planId, "cleanup", summary, steps);
    }

    private async Task<IReadOnlyList<PlanStep>> ImageStepsAsync(EnvironmentConfig env, IReadOnlyList<ContainerSummary> project, CancellationToken ct)
    {
        var history = await releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false);
        var everyContainer = await engine.ListContainersAsync(new Dictionary<string, string?>(), ct).ConfigureAwait(false);
        var inUse = everyContainer.Select(c => c.ImageId).Concat(project.Select(c => c.ImageId)).ToHashSet(StringComparer.Ordinal);
        inUse.UnionWith(await StackSpecImagesAsync(env, ct).ConfigureAwait(false));
        var ours = project.Select(c => c.Image).Concat(history.SelectMany(r => r.Services).Select(s => s.Image))
            .Select(ImageRepository.Of).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (_, removable) = RetentionPolicy.Choose(history, inUse, env.KeepReleases);

        var steps = new List<PlanStep>();
        foreach (var candidate in removable)
        {
            var image = await engine.InspectImageAsync(candidate.ImageId, ct).ConfigureAwait(false);
            if (image is null)
            {
                continue;
            }

            if (image.Tags.Count == 0)
            {
                steps.Add(new RemoveImageStep(1, image.Id, image.Id, candidate.Reason.Replace("untagged ", "dangling ", StringComparison.Ordinal)));
                continue;
            }

            if (candidate.OnlyIfUntagged)
            {
                continue;
            }

            // Only our repositories' tags: an image another project also tags merely loses our tag.
            steps.AddRange(image.Tags.Where(t => ImageRepository.Of(t) is { } repository && ours.Contains(repository))
                .Select(tag => new RemoveImageStep(1, tag, image.Id, candidate.Reason)));
        }

        return steps;
    }

    private Task<IReadOnlyList<ContainerSummary>> ProjectContainersAsync(EnvironmentConfig env, CancellationToken ct) =>
        env.Backend is Backend.Swarm
            ? engine.ListContainersAsync(new Dictionary<string, string?> { [SwarmLabels.Stack] = env.Project, [SwarmLabels.ServiceFullName] = null }, ct)
            : inspector.ProjectContainersAsync(env.Project, ct);

    private static string ServiceOf(EnvironmentConfig env, ContainerSummary container) =>
        env.Backend is Backend.Swarm ? SwarmLabels.ServiceName(env.Project, container.Labels[SwarmLabels.ServiceFullName]) : container.Labels[ComposeLabels.Service];

    /// <summary>The image IDs the stack's service specs name: swarm starts them again whenever it replaces a task.</summary>
    private async Task<IReadOnlyList<string>> StackSpecImagesAsync(EnvironmentConfig env, CancellationToken ct)
    {
        if (env.Backend is not Backend.Swarm)
        {
            return [];
        }

        var specs = await engine.ListServicesAsync(new Dictionary<string, string?> { [SwarmLabels.Stack] = env.Project }, ct).ConfigureAwait(false);
        var images = await Task.WhenAll(specs.Where(s => s.Spec is not null).Select(s => engine.InspectImageAsync(s.Spec!.Image, ct))).ConfigureAwait(false);
        return images.OfType<ImageDetails>().Select(i => i.Id).ToList();
    }
}
