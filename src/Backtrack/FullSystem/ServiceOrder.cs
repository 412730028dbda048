using Backtrack.Compose;
using Backtrack.Engine;

namespace Backtrack.FullSystem;

/// <summary>
/// Start order of a project's services: after the services they depend on (Compose's depends_on label)
/// and after the container whose network namespace they share (network_mode container:X), so a sharer
/// stops first. Level 0 starts first.
/// </summary>
public static class ServiceOrder
{
    /// <summary>The level of each service: 1 + the highest level of what it depends on.</summary>
    public static Dictionary<string, int> Levels(IReadOnlyList<(string Service, string ContainerId, string ContainerName, ContainerSpec Spec)> nodes)
    {
        var byContainer = new Dictionary<string, string>();
        foreach (var node in nodes)
        {
            byContainer[node.ContainerName] = node.Service;
            byContainer[node.ContainerId] = node.Service;
        }

        var dependencies = nodes.ToDictionary(
            n => n.Service,
            n => DependsOn(n.Spec)
                .Concat(NetworkContainer(n.Spec) is { } shared && Resolve(byContainer, shared) is { } owner ? [owner] : Array.Empty<string>())
                .Where(d => d != n.Service && nodes.Any(o => o.Service == d))
                .ToList());
        var levels = new Dictionary<string, int>();
        int Level(string service, int depth)
        {
            if (levels.TryGetValue(service, out var known))
            {
                return known;
            }

            var level = depth > nodes.Count || dependencies[service].Count == 0 ? 0 : 1 + dependencies[service].Max(d => Level(d, depth + 1));
            levels[service] = level;
            return level;
        }

        foreach (var node in nodes)
        {
            Level(node.Service, 0);
        }

        return levels;
    }

    /// <summary>The container named by network_mode container:X, or null.</summary>
    public static string? NetworkContainer(ContainerSpec spec) =>
        spec.NetworkMode is { } mode && mode.StartsWith("container:", StringComparison.Ordinal)
            ? mode["container:".Length..]
            : null;

    /// <summary>A spec whose network_mode names a container by an old ID, pointed at that container's name (recreated under it).</summary>
    public static ContainerSpec WithNetworkContainer(ContainerSpec spec, IReadOnlyDictionary<string, string> nameByOldId)
    {
        if (NetworkContainer(spec) is not { } shared || Resolve(nameByOldId, shared) is not { } name)
        {
            return spec;
        }

        return spec with { NetworkMode = "container:" + name };
    }

    /// <summary>An ID (full or prefix) or a name, to what it stands for.</summary>
    private static string? Resolve(IReadOnlyDictionary<string, string> map, string key) =>
        map.TryGetValue(key.TrimStart('/'), out var value) ? value : map.FirstOrDefault(p => key.Length >= 12 && p.Key.StartsWith(key, StringComparison.Ordinal)).Value;

    private static IEnumerable<string> DependsOn(ContainerSpec spec) =>
        spec.Labels.TryGetValue(ComposeLabels.DependsOn, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.Split(':')[0])
            : [];
}
