using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Scenarios;

/// <summary>Plans 'fix memory': a new memory limit through the engine, optionally a restart (a leak's quick relief), a health gate.</summary>
public sealed class MemoryFixPlanner(IContainerQueries engine, ProjectInspector inspector, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, string service, long bytes, bool restart, CancellationToken ct)
    {
        var container = await inspector.RequireAsync(env, service, ct).ConfigureAwait(false);
        if (!container.State.Running)
        {
            throw new BacktrackException($"{container.Name} is not running ({container.State.Status}); start it first");
        }

        var previous = container.Spec.MemoryLimit;
        var usage = await engine.GetMemoryUsageAsync(container.Id, ct).ConfigureAwait(false);
        if (!restart && usage.UsedBytes >= bytes)
        {
            throw new BacktrackException(
                $"{container.Name} uses {MemorySize.Format(usage.UsedBytes)} now, more than {MemorySize.Format(bytes)}: add --restart, or set a higher limit");
        }

        var check = env.ServiceOrDefault(service).Health;
        var steps = new List<PlanStep> { new ExpectContainerStep(0, service, container.Name, container.Id) };
        if (restart)
        {
            steps.Add(new RestartOnUndoStep(0, service, container.Name, check, env.StopTimeout));
        }

        // A container with no limit reports the host's memory as its limit.
        steps.Add(new SetMemoryLimitStep(0, service, container.Name, container.Id, bytes, previous, previous > 0 ? previous : usage.LimitBytes));
        if (restart)
        {
            steps.Add(new RestartContainerStep(0, service, container.Name, env.StopTimeout));
        }

        steps.Add(new HealthGateStep(0, service, container.Name, check, env.HealthTimeout));
        var summary = $"{service}: memory limit {MemorySize.Format(previous)} -> {MemorySize.Format(bytes)} (uses {MemorySize.Format(usage.UsedBytes)})"
            + (restart ? ", restart" : "");
        return new Plan(Plan.NewId(clock), "fix memory", summary, steps);
    }

}
