using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Rollback;

/// <summary>
/// Plans the repair of services a killed rollback left half-swapped: staging containers are removed, and
/// a service with no running container gets back the container it ran before (the newest kept aside),
/// under its proper name. A service whose proper container runs is left as it is.
/// </summary>
public sealed class RepairPlanner(ProjectInspector inspector)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var containers = await inspector.ProjectContainersAsync(env.Project, ct).ConfigureAwait(false);
        var steps = containers
            .GroupBy(c => c.Labels[ComposeLabels.Service])
            .SelectMany(service => ServiceSteps(env, service.Key, service.ToList()))
            .ToList();
        return new Plan("repair", steps.Count == 0 ? "nothing to repair" : $"repair {string.Join(", ", steps.Select(s => s.Lane).Distinct())}", steps);
    }

    private static IEnumerable<PlanStep> ServiceSteps(EnvironmentConfig env, string service, IReadOnlyList<ContainerSummary> containers)
    {
        foreach (var staging in containers.Where(c => ContainerNames.IsStaging(c.Name)))
        {
            yield return new RemoveContainerStep(0, service, staging.Name);
        }

        var proper = containers.Where(c => !ContainerNames.IsAside(c.Name) && !ContainerNames.IsStaging(c.Name)).ToList();
        if (proper.Any(c => c.State == "running"))
        {
            yield break;
        }

        var check = env.ServiceOrDefault(service).Health;
        var newestAside = containers.Where(c => ContainerNames.IsAside(c.Name)).MaxBy(c => c.Name, StringComparer.Ordinal);
        string name;
        if (newestAside is not null)
        {
            name = ContainerNames.Proper(newestAside.Name);
            foreach (var broken in proper)
            {
                yield return new RemoveContainerStep(0, service, broken.Name);
            }

            yield return new RenameContainerStep(0, service, newestAside.Name, name);
        }
        else if (proper is [var stopped] && containers.Any(c => ContainerNames.IsStaging(c.Name)))
        {
            name = stopped.Name;
        }
        else
        {
            yield break;
        }

        yield return new StartContainerStep(0, service, name, env.StopTimeout);
        yield return new HealthGateStep(0, service, name, check, env.HealthTimeout);
    }
}
