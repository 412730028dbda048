namespace Backtrack.Engine;

/// <summary>
/// A swarm service's whole spec — task template (image with digest, env, command, mounts, secret and config
/// references, resources, placement, networks), endpoint spec, update and rollback config, labels — kept
/// verbatim as the engine's JSON, which only <c>Engine/Docker</c> reads. What the core reads is typed beside it.
/// </summary>
public sealed record SwarmServiceSpec
{
    /// <summary>The engine's JSON of the spec, sent back as it is by an update.</summary>
    public required string Json { get; init; }

    public required string Image { get; init; }

    /// <summary>The task containers' environment (NAME=value): values may be secrets.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<SwarmObjectRef> Secrets { get; init; } = [];

    public IReadOnlyList<SwarmObjectRef> Configs { get; init; } = [];

    /// <summary>The tasks' memory limit in bytes (resources.limits.memory); null when there is none.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>A digest of the task template: a task whose own spec has the same digest runs this spec.</summary>
    public required string TaskDigest { get; init; }

    /// <summary>The names of the environment variables, for display: values are secrets.</summary>
    public IEnumerable<string> EnvNames => Env.Select(e => e.Split('=', 2)[0]);
}
