using Backtrack.Engine;

namespace Backtrack.Verify;

/// <summary>
/// The restart check of a swarm service: swarm replaces a task that dies with a new task (a new container),
/// so a service's restarts are its tasks that failed or were rejected since the window began. Only tasks of the
/// spec the service runs now count: an old spec's task that failed while an update replaced it (a rollback
/// away from a crashing version, or one that exits non-zero on SIGTERM) says nothing of what runs now.
/// </summary>
public static class TaskRestarts
{
    public static VerifyCheck Judge(string service, IReadOnlyList<ServiceTask> tasks, string? currentSpec, DateTimeOffset since, string span)
    {
        var failed = tasks.Count(t => t.State is TaskState.Failed or TaskState.Rejected && t.Timestamp >= since
            && (currentSpec is null || t.SpecDigest is null || t.SpecDigest == currentSpec));
        return failed == 0
            ? new VerifyCheck("restarts", service, true, $"no task failed or was replaced in the last {span} ({tasks.Count} tasks kept)")
            : new VerifyCheck("restarts", service, false, $"{failed} tasks failed and were replaced in the last {span}");
    }
}
