namespace Backtrack.Engine;

/// <summary>How a swarm service places its tasks: a number of replicas, or one per node; jobs run to completion.</summary>
public enum ServiceMode
{
    Replicated,
    Global,
    ReplicatedJob,
    GlobalJob,
}
