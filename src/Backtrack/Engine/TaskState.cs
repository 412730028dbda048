namespace Backtrack.Engine;

/// <summary>Swarm's task lifecycle, in order; a task only moves forward through it.</summary>
public enum TaskState
{
    New,
    Allocated,
    Pending,
    Assigned,
    Accepted,
    Preparing,
    Ready,
    Starting,
    Running,
    Complete,
    Shutdown,
    Failed,
    Rejected,
    Remove,
    Orphaned,
}
