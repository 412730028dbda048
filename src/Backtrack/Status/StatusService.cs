using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Health;

namespace Backtrack.Status;

/// <summary>The status of every service of an environment, with all health checks run concurrently.</summary>
public sealed class StatusService(ProjectInspector inspector, HealthChecker checker, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServiceStatus>> GetAsync(EnvironmentConfig env, TimeSpan checkTimeout, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        var leftovers = await LeftoverProblemsAsync(env, ct).ConfigureAwait(false);
        var drift = await ComposeDrift.FindAsync(services.Where(s => s.Container is not null).Select(s => (s.Service, s.Container!)), ct)
            .ConfigureAwait(false);
        var rows = services.Select(async s =>
        {
            var problems = leftovers.TryGetValue(s.Service, out var p) ? p : [];
            if (s.Container is not { } c)
            {
                return new ServiceStatus(s.Service, null, "missing", null, null, null, HealthResult.Fail("no container"), null, 0, problems, null);
            }

            var check = await checker.CheckAsync(new HealthTarget(s.Service, c.Id, env.ServiceOrDefault(s.Service).Health), checkTimeout, ct)
                .ConfigureAwait(false);
            var uptime = c.State.Running && c.State.StartedAt is { } started ? clock.GetUtcNow() - started : (TimeSpan?)null;
            return new ServiceStatus(
                s.Service, c.Name, c.State.Status, c.Spec.Image, c.ImageId, c.State.Health, check, uptime, c.State.RestartCount, problems,
                drift.FirstOrDefault(d => d.Drift.Service == s.Service)?.Drift.Describe());
        });
        return await Task.WhenAll(rows).ConfigureAwait(false);
    }

    /// <summary>
    /// Containers a rollback left half-swapped (a process killed mid-way): a staging container, or a
    /// kept-aside one while the service has no running container.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> LeftoverProblemsAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var all = await inspector.ProjectContainersAsync(env.Project, ct).ConfigureAwait(false);
        var problems = new Dictionary<string, List<string>>();
        foreach (var group in all.GroupBy(c => c.Labels[ComposeLabels.Service]))
        {
            var list = new List<string>();
            list.AddRange(group.Where(c => ContainerNames.IsStaging(c.Name))
                .Select(c => $"unfinished rollback: staging container {c.Name} ({c.State}); run 'backtrack repair'"));
            var proper = group.Where(c => !ContainerNames.IsAside(c.Name) && !ContainerNames.IsStaging(c.Name)).ToList();
            if (proper.All(c => c.State != "running") && group.Any(c => ContainerNames.IsAside(c.Name)))
            {
                list.Add("no running container but one kept aside; run 'backtrack repair'");
            }

            if (list.Count > 0)
            {
                problems[group.Key] = list;
            }
        }

        return problems;
    }
}
