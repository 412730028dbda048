namespace Backtrack.Engine;

/// <summary>
/// The one narrow door to a container engine. Docker is one implementation; Swarm services or a remote
/// engine are others. Engine-library types never cross it.
/// </summary>
public interface IContainerEngine : IDisposable
{
    /// <summary>The engine's version; throws <see cref="EngineUnreachableException"/> when it does not answer.</summary>
    Task<string> PingAsync(CancellationToken ct);

    /// <summary>Containers, in any state, carrying every one of the given labels (value null: any value).</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct);

    /// <summary>Null when no such container exists.</summary>
    Task<ContainerDetails?> InspectContainerAsync(string idOrName, CancellationToken ct);

    /// <summary>Null when no such image exists locally.</summary>
    Task<ImageDetails?> InspectImageAsync(string reference, CancellationToken ct);

    /// <summary>Local images whose repository is the given one (any tag).</summary>
    Task<IReadOnlyList<ImageDetails>> ListImagesAsync(string repository, CancellationToken ct);

    /// <summary>Pulls an image; throws <see cref="BacktrackException"/> when the engine cannot.</summary>
    Task PullImageAsync(string reference, CancellationToken ct);

    /// <summary>Creates a stopped container from a spec under the given name; returns its ID.</summary>
    Task<string> CreateContainerAsync(string name, ContainerSpec spec, CancellationToken ct);

    Task StartContainerAsync(string idOrName, CancellationToken ct);

    Task StopContainerAsync(string idOrName, TimeSpan timeout, CancellationToken ct);

    Task RenameContainerAsync(string idOrName, string newName, CancellationToken ct);

    Task RemoveContainerAsync(string idOrName, CancellationToken ct);

    /// <summary>Sets a container's restart policy (running or not), which the engine keeps across its own restarts.</summary>
    Task SetRestartPolicyAsync(string idOrName, RestartPolicy policy, CancellationToken ct);

    /// <summary>Runs a command inside a running container, without a TTY, bounded by the timeout.</summary>
    Task<ExecResult> ExecAsync(string idOrName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// As <see cref="ExecAsync(string, IReadOnlyList{string}, TimeSpan, CancellationToken)"/>, with environment variables for the
    /// command (how secrets such as a database password reach it: never on its command line).
    /// </summary>
    Task<ExecResult> ExecAsync(
        string idOrName, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// Runs a command inside a running container without a TTY, streaming: stdin (when given) is sent and
    /// closed, stdout and stderr are copied out as they come. Returns the command's exit code.
    /// </summary>
    Task<long> ExecStreamAsync(string idOrName, IReadOnlyList<string> command, Stream? stdin, Stream stdout, Stream stderr, CancellationToken ct);

    /// <summary>As the other overload, with environment variables for the command (secrets go here, never on its command line).</summary>
    Task<long> ExecStreamAsync(
        string idOrName,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string>? environment,
        Stream? stdin,
        Stream stdout,
        Stream stderr,
        CancellationToken ct);

    /// <summary>A tar stream of a path in a container (running or not), through the engine's archive API.</summary>
    Task<Stream> GetArchiveAsync(string idOrName, string path, CancellationToken ct);

    /// <summary>
    /// Creates a container that is never started, from an image already on the host, mounting the given
    /// volumes (volume name to path): the engine's archive API then reads and writes them.
    /// </summary>
    Task<string> CreateParkedContainerAsync(
        string name, string image, IReadOnlyDictionary<string, string> volumes, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    /// <summary>Extracts a tar stream into a directory of a container (running or not), keeping the entries' numeric owners.</summary>
    Task PutArchiveAsync(string idOrName, string directory, Stream tar, CancellationToken ct);

    /// <summary>Sets the memory limit (and the same memory+swap limit) of a container, live.</summary>
    Task SetMemoryLimitAsync(string idOrName, long bytes, CancellationToken ct);

    /// <summary>Current memory use and limit of a running container, in bytes.</summary>
    Task<MemoryUsage> GetMemoryUsageAsync(string idOrName, CancellationToken ct);

    /// <summary>Named volumes carrying every one of the given labels (value null: any value).</summary>
    Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(IReadOnlyDictionary<string, string?> labels, CancellationToken ct);

    Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    Task RemoveVolumeAsync(string name, CancellationToken ct);

    Task RemoveImageAsync(string reference, CancellationToken ct);

    /// <summary>The container's log, stdout and stderr demultiplexed, line by line.</summary>
    IAsyncEnumerable<LogLine> ReadLogsAsync(string idOrName, LogQuery query, CancellationToken ct);
}
