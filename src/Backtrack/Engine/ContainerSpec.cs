namespace Backtrack.Engine;

/// <summary>
/// Everything needed to create a container again exactly: its own settings, with the values it merely
/// inherited from its image left out, so that the same spec on another image takes that image's defaults.
/// Host settings (ports, mounts, restart policy, resources, ...) are kept verbatim as the engine's JSON.
/// </summary>
public sealed record ContainerSpec
{
    public required string Image { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public ContainerHealthcheck? Healthcheck { get; init; }
    public string? StopSignal { get; init; }
    public string? Hostname { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public IReadOnlyList<NetworkAttachment> Networks { get; init; } = [];
    public required string HostConfigJson { get; init; }

    /// <summary>
    /// The network mode ("bridge", "host", "container:ID", ...), typed for the core, which reads no engine
    /// JSON; set on a spec, the engine creates the container with it. Null: as the host settings say.
    /// </summary>
    public string? NetworkMode { get; init; }

    /// <summary>The container's own memory limit in bytes (0: none), typed for the core; read only.</summary>
    public long MemoryLimit { get; init; }

    /// <summary>The names of the environment variables, for display: values are secrets.</summary>
    public IEnumerable<string> EnvNames => Env.Select(e => e.Split('=', 2)[0]);
}

public sealed record NetworkAttachment(string Network, IReadOnlyList<string> Aliases, string? IPv4Address);

/// <summary>A HEALTHCHECK set on the container itself (not inherited from its image).</summary>
public sealed record ContainerHealthcheck(
    IReadOnlyList<string> Test, TimeSpan? Interval, TimeSpan? Timeout, TimeSpan? StartPeriod, long? Retries);
