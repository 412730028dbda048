using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Swarm;

/// <summary>Finds the services of an environment's Swarm stack, by the label 'docker stack deploy' puts on them, and their tasks.</summary>
public sealed class StackInspector(IServiceQueries engine)
{
    /// <summary>
    /// Every configured or deployed service of the stack, by name; a configured one that is not deployed
    /// has no details. Refused in one line when the engine is no swarm manager or the stack has no services.
    /// </summary>
    public async Task<IReadOnlyList<StackService>> ServicesAsync(EnvironmentConfig env, CancellationToken ct)
    {
        if (!await engine.IsSwarmManagerAsync(ct).ConfigureAwait(false))
        {
            throw new BacktrackException(
                $"environment '{env.Name}' is a swarm stack but the engine is not a swarm manager; point 'engine' at a manager node (or run 'docker swarm init')");
        }

        var deployed = await engine.ListServicesAsync(new Dictionary<string, string?> { [SwarmLabels.Stack] = env.Project }, ct).ConfigureAwait(false);
        if (deployed.Count == 0)
        {
            throw new BacktrackException($"stack '{env.Project}' has no services on the engine; deploy it with 'docker stack deploy' or fix 'stack' in the config");
        }

        var tasks = await Task.WhenAll(deployed.Select(s => engine.ListTasksAsync(s.Id, ct))).ConfigureAwait(false);
        var byName = deployed.Zip(tasks).ToDictionary(p => SwarmLabels.ServiceName(env.Project, p.First.Name), StringComparer.Ordinal);
        return env.Services.Keys.Union(byName.Keys).Order(StringComparer.Ordinal)
            .Select(name => byName.TryGetValue(name, out var found) ? new StackService(name, found.First, found.Second) : new StackService(name, null, []))
            .ToList();
    }

    /// <summary>One deployed service of the stack; an unknown or undeployed one is refused in one line naming the deployed ones.</summary>
    public async Task<StackService> RequireAsync(EnvironmentConfig env, string service, CancellationToken ct)
    {
        var services = await ServicesAsync(env, ct).ConfigureAwait(false);
        return services.FirstOrDefault(s => s.Service == service && s.Details?.Spec is not null)
            ?? throw new BacktrackException(
                $"unknown service '{service}' in stack '{env.Project}' of environment '{env.Name}'; deployed: {string.Join(", ", services.Where(s => s.Details is not null).Select(s => s.Service))}");
    }
}
