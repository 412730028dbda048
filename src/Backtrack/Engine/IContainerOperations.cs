namespace Backtrack.Engine;

/// <summary>What changes containers: create (from a spec, or parked for archive transfers), start, stop, rename, remove, live limits and policy.</summary>
public interface IContainerOperations
{
    /// <summary>Creates a stopped container from a spec under the given name; returns its ID.</summary>
    Task<string> CreateContainerAsync(string name, ContainerSpec spec, CancellationToken ct);

    Task StartContainerAsync(string idOrName, CancellationToken ct);

    Task StopContainerAsync(string idOrName, TimeSpan timeout, CancellationToken ct);

    Task RenameContainerAsync(string idOrName, string newName, CancellationToken ct);

    Task RemoveContainerAsync(string idOrName, CancellationToken ct);

    /// <summary>Sets a container's restart policy (running or not), which the engine keeps across its own restarts.</summary>
    Task SetRestartPolicyAsync(string idOrName, RestartPolicy policy, CancellationToken ct);

    /// <summary>
    /// Creates a container that is never started, from an image already on the host, mounting the given
    /// volumes (volume name to path): the engine's archive API then reads and writes them.
    /// </summary>
    Task<string> CreateParkedContainerAsync(
        string name, string image, IReadOnlyDictionary<string, string> volumes, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    /// <summary>Sets the memory limit (and the same memory+swap limit) of a container, live.</summary>
    Task SetMemoryLimitAsync(string idOrName, long bytes, CancellationToken ct);
}
