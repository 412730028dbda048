namespace Backtrack.Engine;

/// <summary>What changes swarm services.</summary>
public interface IServiceOperations
{
    /// <summary>
    /// Replaces the service's spec with SPEC, as of version VERSION of the service: when the service changed
    /// since (another deploy or update), the engine refuses and this throws <see cref="Planning.ConflictException"/>.
    /// The service's update config in SPEC decides how its tasks are replaced.
    /// </summary>
    Task UpdateServiceAsync(string serviceId, ulong version, SwarmServiceSpec spec, CancellationToken ct);

    /// <summary>
    /// Sets a replicated service's replica count, nothing else of its spec: swarm starts or stops tasks to
    /// match. Retried while swarm's own progress bookkeeping moves the version index meanwhile.
    /// </summary>
    Task ScaleServiceAsync(string serviceId, ulong replicas, CancellationToken ct);

    /// <summary>
    /// Sets the memory limit of the service's tasks (null: none), nothing else of its spec: swarm replaces its
    /// tasks by the service's update config. Retried while swarm moves the version index meanwhile.
    /// </summary>
    Task SetServiceMemoryLimitAsync(string serviceId, long? bytes, CancellationToken ct);
}
