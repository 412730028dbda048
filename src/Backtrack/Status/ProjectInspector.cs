using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Status;

/// <summary>Finds the containers of an environment's Compose project, by the labels Compose puts on them.</summary>
public sealed class ProjectInspector(IContainerQueries engine)
{
    /// <summary>
    /// Every configured or discovered service with its container; containers Backtrack keeps aside or is
    /// staging are not the service's container. A service scaled up has one entry per container.
    /// </summary>
    public async Task<IReadOnlyList<ServiceContainer>> ServicesAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var summaries = await ProjectContainersAsync(env.Project, ct).ConfigureAwait(false);
        var current = summaries
            .Where(c => !ContainerNames.IsAside(c.Name) && !ContainerNames.IsStaging(c.Name))
            .ToList();
        var details = await Task.WhenAll(current.Select(c => engine.InspectContainerAsync(c.Id, ct))).ConfigureAwait(false);
        var byService = current.Zip(details)
            .Where(p => p.Second is not null)
            .GroupBy(p => p.First.Labels[ComposeLabels.Service])
            .ToDictionary(g => g.Key, g => g.Select(p => p.Second!).ToList());
        var names = env.Services.Keys.Union(byService.Keys).Order(StringComparer.Ordinal);
        return names
            .SelectMany(name => byService.TryGetValue(name, out var containers)
                ? containers.Select(c => new ServiceContainer(name, c))
                : [new ServiceContainer(name, null)])
            .ToList();
    }

    /// <summary>All containers of the project, including kept-aside and staging ones.</summary>
    public Task<IReadOnlyList<ContainerSummary>> ProjectContainersAsync(string project, CancellationToken ct) =>
        engine.ListContainersAsync(
            new Dictionary<string, string?> { [ComposeLabels.Project] = project, [ComposeLabels.Service] = null }, ct);

    /// <summary>The one current container of a service; a clear error for an unknown service.</summary>
    public async Task<ContainerDetails> RequireAsync(EnvironmentConfig env, string service, CancellationToken ct) =>
        OnlyContainer(env, await ServicesAsync(env, ct).ConfigureAwait(false), service);

    /// <summary>
    /// The one current container of a service among the project's: an unknown service names the known
    /// ones; a service with no container, or several, is refused with what to do.
    /// </summary>
    public static ContainerDetails OnlyContainer(EnvironmentConfig env, IReadOnlyList<ServiceContainer> services, string service)
    {
        var matches = services.Where(s => s.Service == service).ToList();
        return matches switch
        {
            [] => throw new BacktrackException(
                $"unknown service '{service}' in environment '{env.Name}'; known: {string.Join(", ", services.Select(s => s.Service).Distinct())}"),
            [{ Container: { } container }] => container,
            [_] => throw new BacktrackException($"service '{service}' has no container; run 'backtrack repair' or deploy it first"),
            _ => throw new BacktrackException($"service '{service}' runs {matches.Count} containers; Backtrack rolls back services with one container"),
        };
    }
}
