using Backtrack.Health;

namespace Backtrack.Swarm;

/// <summary>One verdict for a swarm service from its configured check (run once) and the checks of its running tasks.</summary>
public static class ServiceHealth
{
    /// <summary>
    /// Healthy when something was checked and every check passed. The detail is the first failure (a task's
    /// named by its slot), else the service check's, else how many tasks passed; the latency is the slowest.
    /// </summary>
    public static HealthResult Combine(HealthResult? service, IReadOnlyList<(string Task, HealthResult Result)> tasks)
    {
        var latency = tasks.Select(t => t.Result.Latency).Append(service?.Latency).Max();
        if (service is { Healthy: false })
        {
            return service;
        }

        if (tasks.FirstOrDefault(t => !t.Result.Healthy) is ({ } task, { } failed))
        {
            return HealthResult.Fail($"{task}: {failed.Detail}", latency);
        }

        if (tasks.Count == 0)
        {
            return HealthResult.Fail(service is null ? "no running task" : $"{service.Detail}, but no running task", latency);
        }

        return new HealthResult(true, service?.Detail ?? $"{tasks.Count} of {tasks.Count} tasks healthy", latency);
    }
}
