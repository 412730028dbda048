using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;

namespace Backtrack.Rollback;

/// <summary>
/// The steps that replace a service's container by a new one from a spec, in the order the service allows:
/// start-first (the new one joins the same networks under the same aliases and is gated while the old one
/// still serves, then the old one drains, stops and steps aside) or stop-first (the old one stops, the new
/// one starts in its place). Every step undoes itself; undone newest first, either order puts the old back.
/// </summary>
public sealed record ContainerSwap(string Service, ContainerDetails Current, ContainerSpec Spec, ServiceConfig Config)
{
    /// <summary>The order this swap runs in and, for the plan, why.</summary>
    public (SwapOrder Order, string Reason) Choose()
    {
        var published = Current.Ports.Where(p => p.HostPort.Length > 0).Select(p => $"{p.HostIp}:{p.HostPort}").Distinct().ToList();
        var obstacle = published.Count > 0 ? $"publishes {string.Join(", ", published)} on the host"
            : Spec.NetworkMode is "host" ? "runs in the host's network"
            : Spec.NetworkMode?.StartsWith("container:", StringComparison.Ordinal) == true ? "shares another container's network"
            : Spec.Networks.All(n => n.Aliases.Count == 0) ? "has no network alias to share"
            : Config.Health is HttpHealthCheck ? "its health check is a URL, which cannot tell the new container from the old one"
            : null;
        return (Config.Swap, obstacle) switch
        {
            (SwapOrder.StopFirst, _) => (SwapOrder.StopFirst, "stop-first: so configured"),
            (_, { } why) => (SwapOrder.StopFirst, $"stop-first: {why}"),
            _ => (SwapOrder.StartFirst, "start-first: no downtime"),
        };
    }

    public IEnumerable<PlanStep> Steps(int wave, string planId, TimeSpan stopTimeout, TimeSpan healthTimeout)
    {
        var name = Current.Name;
        var staging = ContainerNames.Staging(name);
        var policy = Current.RestartPolicy;
        var stop = new StopContainerStep(wave, Service, Current.Id, name, stopTimeout, Config.Health);
        var aside = new SetAsideStep(wave, Service, Current.Id, name, ContainerNames.Aside(name, planId), policy.Name, policy.MaximumRetryCount);
        var rename = new RenameContainerStep(wave, Service, staging, name, Current.Id);
        yield return new CreateContainerStep(wave, Service, staging, Spec);
        if (Choose().Order is SwapOrder.StartFirst)
        {
            yield return new StartContainerStep(wave, Service, staging, stopTimeout);
            yield return new HealthGateStep(wave, Service, staging, Config.Health, healthTimeout);
            yield return new DrainStep(wave, Service, name, Config.Drain);
            yield return stop;
            yield return aside;
            yield return rename;
            yield break;
        }

        yield return stop;
        yield return aside;
        yield return rename;
        yield return new StartContainerStep(wave, Service, name, stopTimeout, Current.Id);
        yield return new HealthGateStep(wave, Service, name, Config.Health, healthTimeout);
    }
}
