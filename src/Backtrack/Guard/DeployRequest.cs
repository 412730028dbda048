using Backtrack.Planning;

namespace Backtrack.Guard;

/// <summary>
/// A guarded deploy: the team's command (an argument list, run without a shell), how long to watch, rollback or
/// only notify on failure, a snapshot step to take first, and how long to wait for a lock another command holds.
/// </summary>
public sealed record DeployRequest(IReadOnlyList<string> Command, string WorkingDirectory, TimeSpan Window, bool RollBack, PlanStep? Snapshot, TimeSpan LockTimeout)
{
    /// <summary>Variables the command runs with besides the process's own (a stack file's env file).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(5);
}
