using Backtrack.Configuration;
using Backtrack.Guard.Signals;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Guard;

/// <summary>
/// The polled signals of a swarm stack's services: each service's health (its checks, through its rollout),
/// the environment's and each service's Prometheus query. Error lines are not read on swarm (a task's log
/// lives on its node); the task failures swarm reports are judged as events.
/// </summary>
public sealed class SwarmGuardSignals(StackStatusService status, StackInspector inspector, TimeProvider clock) : ISignalSource
{
    public async Task<IReadOnlyList<IPolledSignal>> BuildAsync(EnvironmentConfig env, DateTimeOffset windowStart, CancellationToken ct)
    {
        var signals = GuardSignals.EnvironmentQuery(env).ToList();
        foreach (var service in await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
        {
            var config = env.ServiceOrDefault(service.Service);
            if (service.Details is not null && env.Guard.For(config).Health)
            {
                signals.Add(new SwarmServiceSignal(status, inspector, env, service.Service, GuardSignals.CheckTimeout(env.Guard), clock));
            }

            signals.AddRange(GuardSignals.ServiceQuery(config, service.Service));
        }

        return signals;
    }
}
