using Backtrack.Engine;

namespace Backtrack.Swarm;

/// <summary>What a service's tasks add up to: running against desired, the tasks that count now, and why a slot is short.</summary>
public static class ServiceReplicas
{
    /// <summary>Tasks swarm wants running that run.</summary>
    public static int Running(IEnumerable<ServiceTask> tasks) =>
        tasks.Count(t => t.DesiredState == TaskState.Running && t.State == TaskState.Running);

    /// <summary>Replicas asked for; a global service wants one task per eligible node, which is what swarm scheduled.</summary>
    public static int Desired(ServiceDetails service, IEnumerable<ServiceTask> tasks) => service.Mode switch
    {
        ServiceMode.Replicated => (int)(service.Replicas ?? 0),
        ServiceMode.Global => tasks.Count(t => t.DesiredState == TaskState.Running),
        _ => 0,
    };

    /// <summary>The tasks swarm still wants (desired running or on the way there): the history of shut-down tasks is not the service.</summary>
    public static IReadOnlyList<ServiceTask> Current(IEnumerable<ServiceTask> tasks) =>
        tasks.Where(t => t.DesiredState <= TaskState.Running).OrderBy(t => t.Slot ?? 0).ThenBy(t => t.NodeId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// For each slot (a node, for a global service) with no running task, the newest error of its tasks:
    /// why the slot is short (an image that will not start, a port in use, an unhealthy container).
    /// </summary>
    public static IReadOnlyList<string> ShortSlots(IEnumerable<ServiceTask> tasks) =>
        tasks.GroupBy(t => t.Slot is { } slot and > 0 ? $"slot {slot}" : $"node {Short(t.NodeId)}")
            .Where(slot => !slot.Any(t => t.DesiredState == TaskState.Running && t.State == TaskState.Running))
            .Select(slot => (slot.Key, Newest: slot.Where(t => t.Error is not null).MaxBy(t => t.Timestamp)))
            .Where(p => p.Newest is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: task {Short(p.Newest!.Id)} {p.Newest.State.ToString().ToLowerInvariant()}: {p.Newest.Error}")
            .ToList();

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
