using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Swarm;

namespace Backtrack.Status;

/// <summary>
/// The status of every service of a swarm environment: replicas running against desired, update status,
/// and health through the configured checks — an HTTP check once per service, the container's own check
/// on each running task — all run concurrently; and each service's drift from the stack file, when one is configured.
/// </summary>
public sealed class StackStatusService(StackInspector inspector, HealthChecker checker)
{
    public async Task<IReadOnlyList<StackServiceStatus>> GetAsync(EnvironmentConfig env, TimeSpan checkTimeout, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        var drift = await StackDrift.FindAsync(env, services, ct).ConfigureAwait(false);
        var rows = await Task.WhenAll(services.Select(s => ServiceStatusAsync(env, s, checkTimeout, ct))).ConfigureAwait(false);
        return rows.Select(r => r with { Drift = drift.FirstOrDefault(d => d.Service == r.Service)?.Describe() }).ToList();
    }

    /// <summary>One service's row: its replicas, update status, and its checks run now.</summary>
    public async Task<StackServiceStatus> ServiceStatusAsync(EnvironmentConfig env, StackService service, TimeSpan timeout, CancellationToken ct)
    {
        if (service.Details is not { } details)
        {
            return new StackServiceStatus(service.Service, null, null, null, 0, 0, null, HealthResult.Fail("not deployed in the stack"), [], []);
        }

        var configured = env.ServiceOrDefault(service.Service).Health;
        // An HTTP check asks the service, not one task; the container's own check is per task.
        var taskCheck = configured is NoHealthCheck ? configured : new ContainerHealthCheck();
        Task<HealthResult?> serviceCheck = configured is HttpHealthCheck
            ? CheckServiceAsync(new HealthTarget(service.Service, "", configured), timeout, ct)
            : Task.FromResult<HealthResult?>(null);
        var current = ServiceReplicas.Current(service.Tasks);
        var tasks = await Task.WhenAll(current.Select(async t => new StackTaskStatus(
            t.Id, t.Slot, t.NodeId, t.DesiredState, t.State, t.Error, t.ContainerId, t.Timestamp,
            t.State == TaskState.Running && t.ContainerId is { } container
                ? await checker.CheckAsync(new HealthTarget(service.Service, container, taskCheck), timeout, ct).ConfigureAwait(false)
                : null))).ConfigureAwait(false);
        var check = ServiceHealth.Combine(
            await serviceCheck.ConfigureAwait(false),
            tasks.Where(t => t.Check is not null).Select(t => (TaskName(t), t.Check!)).ToList());
        return new StackServiceStatus(
            service.Service, details.Name, details.Image, details.Mode,
            ServiceReplicas.Running(service.Tasks), ServiceReplicas.Desired(details, service.Tasks),
            details.UpdateStatus, check, tasks, ServiceReplicas.ShortSlots(service.Tasks));
    }

    private async Task<HealthResult?> CheckServiceAsync(HealthTarget target, TimeSpan timeout, CancellationToken ct) =>
        await checker.CheckAsync(target, timeout, ct).ConfigureAwait(false);

    private static string TaskName(StackTaskStatus task) => task.Slot is { } slot and > 0 ? $"task {slot}" : $"task on node {task.Node[..Math.Min(12, task.Node.Length)]}";
}
