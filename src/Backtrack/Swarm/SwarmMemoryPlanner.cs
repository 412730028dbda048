using Backtrack.Configuration;
using Backtrack.Planning;
using Backtrack.Scenarios;
using Backtrack.Swarm.Steps;

namespace Backtrack.Swarm;

/// <summary>
/// Plans 'fix memory' on a swarm: a service update of the tasks' memory limit (swarm replaces every task,
/// so no separate restart), then the swarm service gate. A failed gate sets the limit it had back.
/// </summary>
public sealed class SwarmMemoryPlanner(StackInspector stack, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, string service, long bytes, CancellationToken ct)
    {
        var details = (await stack.RequireAsync(env, service, ct).ConfigureAwait(false)).Details!;
        var before = details.Spec!.MemoryLimit;
        var id = Plan.NewId(clock);
        if (before == bytes)
        {
            return new Plan(id, "fix memory", $"nothing to change: {service}'s tasks are limited to {MemorySize.Format(bytes)} already", []);
        }

        PlanStep[] steps =
        [
            new SetServiceMemoryStep(0, service, details.Id, details.Name, bytes, before),
            new ServiceGateStep(1, service, details.Name, env.HealthTimeout),
        ];
        return new Plan(id, "fix memory", $"{service}: memory limit {MemorySize.Format(before ?? 0)} -> {MemorySize.Format(bytes)} (a service update)", steps);
    }
}
