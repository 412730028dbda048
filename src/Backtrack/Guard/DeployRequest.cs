using Backtrack.Planning;

namespace Backtrack.Guard;

/// <summary>
/// A guarded deploy: the team's command (an argument list, run without a shell), how long to watch, rollback or
/// only notify on failure, a snapshot step to take first, and how long to wait for a lock another command holds.
/// </summary>
public sealed record DeployRequest(IReadOnlyList<string> Command, string WorkingDirectory, TimeSpan Window, bool RollBack, PlanStep? Snapshot, TimeSpan LockTimeout)
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(5);
}
