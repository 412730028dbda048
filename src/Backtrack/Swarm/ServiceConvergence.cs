using Backtrack.Engine;

namespace Backtrack.Swarm;

/// <summary>
/// Whether a service runs its current spec everywhere: every task swarm wants running runs that spec (its
/// task digest) and as many run as are desired; swarm's update neither paused nor rolling back. Swarm's own
/// monitor period after the last task is not waited for: the gate's checks answer for the tasks.
/// </summary>
public static class ServiceConvergence
{
    public static ConvergenceVerdict Judge(ServiceDetails service, IReadOnlyList<ServiceTask> tasks)
    {
        var state = service.UpdateStatus?.State;
        if (state is "paused" || state?.StartsWith("rollback", StringComparison.Ordinal) == true)
        {
            return ConvergenceVerdict.Failure($"swarm's update is {state.Replace('_', ' ')}{(service.UpdateStatus?.Message is { } m ? $": {m}" : "")}");
        }

        var digest = service.Spec?.TaskDigest;
        var wanted = tasks.Where(t => t.DesiredState == TaskState.Running).ToList();
        var onSpec = wanted.Count(t => t.SpecDigest == digest && t.State == TaskState.Running);
        var desired = ServiceReplicas.Desired(service, tasks);
        var old = wanted.Count(t => t.SpecDigest != digest);
        if (old == 0 && onSpec >= desired)
        {
            return ConvergenceVerdict.Done($"{onSpec} of {desired} tasks run the new spec");
        }

        var why = ServiceReplicas.ShortSlots(tasks) is [var first, ..] ? $"; {first}" : "";
        return ConvergenceVerdict.Waiting($"{onSpec} of {desired} tasks run the new spec, {old} still the old one{why}");
    }
}
