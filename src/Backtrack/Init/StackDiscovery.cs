using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Swarm;

namespace Backtrack.Init;

/// <summary>Finds Swarm stacks by the label 'docker stack deploy' puts on services, and proposes a health check per service.</summary>
public sealed class StackDiscovery(IServiceQueries engine)
{
    /// <summary>The stacks of the swarm, by name; none when the engine is not a swarm manager.</summary>
    public async Task<IReadOnlyList<DiscoveredProject>> DiscoverAsync(string? onlyStack, CancellationToken ct)
    {
        if (!await engine.IsSwarmManagerAsync(ct).ConfigureAwait(false))
        {
            return [];
        }

        var services = await engine.ListServicesAsync(new Dictionary<string, string?> { [SwarmLabels.Stack] = onlyStack }, ct).ConfigureAwait(false);
        return services
            .GroupBy(s => s.Labels[SwarmLabels.Stack])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(stack => new DiscoveredProject(
                stack.Key,
                stack.Select(s => new DiscoveredService(SwarmLabels.ServiceName(stack.Key, s.Name), ProposeCheck(s))).OrderBy(s => s.Name, StringComparer.Ordinal).ToList(),
                Backend.Swarm))
            .ToList();
    }

    /// <summary>GET /health on a published port (host mode publishes on every node that runs a task); else the containers' own check.</summary>
    internal static string ProposeCheck(ServiceDetails service) =>
        service.Ports.FirstOrDefault(p => p.Protocol == "tcp" && p.Published is not null) is { } port
            ? $"http://127.0.0.1:{port.Published}/health"
            : "docker";
}
