using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Rollback;

/// <summary>
/// Plans the repair of what a killed operation left half-done, back to what ran before it: staging
/// containers go; a service whose health gate had not passed gets back the container the operation set
/// aside (its aside name carries the operation ID), under its proper name, started and checked.
/// </summary>
public sealed class RepairPlanner(ProjectInspector inspector, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, IReadOnlyList<OperationRecord> interrupted, CancellationToken ct)
    {
        var containers = await inspector.ProjectContainersAsync(env.Project, ct).ConfigureAwait(false);
        var steps = containers
            .GroupBy(c => c.Labels[ComposeLabels.Service])
            .SelectMany(service => ServiceSteps(env, service.Key, service.ToList(), interrupted))
            .ToList();
        var summary = steps.Count == 0 ? "nothing to repair" : $"repair {string.Join(", ", steps.Select(s => s.Lane).Distinct())}";
        return new Plan(Plan.NewId(clock), "repair", summary, steps);
    }

    private static IEnumerable<PlanStep> ServiceSteps(
        EnvironmentConfig env, string service, IReadOnlyList<ContainerSummary> containers, IReadOnlyList<OperationRecord> interrupted)
    {
        var staging = containers.Where(c => ContainerNames.IsStaging(c.Name)).ToList();
        var proper = containers.Where(c => !ContainerNames.IsAside(c.Name) && !ContainerNames.IsStaging(c.Name)).ToList();
        var setAside = interrupted
            .Where(o => !GatePassed(o, service))
            .Select(o => containers.FirstOrDefault(c => c.Name.EndsWith(ContainerNames.Aside("", o.Id), StringComparison.Ordinal)))
            .FirstOrDefault(c => c is not null);

        foreach (var leftover in staging)
        {
            yield return new RemoveContainerStep(0, service, leftover.Name);
        }

        string name;
        if (setAside is not null)
        {
            // The operation swapped this service but never saw the new container healthy: undo the swap.
            foreach (var replacement in proper)
            {
                yield return new RemoveContainerStep(0, service, replacement.Name);
            }

            name = ContainerNames.Proper(setAside.Name);
            yield return new RenameContainerStep(0, service, setAside.Name, name);
        }
        else if (proper is [{ State: not "running" } stopped] && (staging.Count > 0 || interrupted.Count > 0))
        {
            name = stopped.Name;
        }
        else
        {
            yield break;
        }

        yield return new StartContainerStep(0, service, name, env.StopTimeout);
        yield return new HealthGateStep(0, service, name, env.ServiceOrDefault(service).Health, env.HealthTimeout);
    }

    private static bool GatePassed(OperationRecord operation, string service) =>
        operation.Steps.Any(s => s.Lane == service && s.Kind == nameof(HealthGateStep) && s.Phase == "apply" && s.Outcome == "ok");
}
