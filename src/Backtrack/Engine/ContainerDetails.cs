namespace Backtrack.Engine;

/// <summary>What the engine says of one container: its state, the spec that recreates it and its restart policy.</summary>
public sealed record ContainerDetails(
    string Id,
    string Name,
    string ImageId,
    ContainerState State,
    ContainerSpec Spec,
    IReadOnlyList<string> HealthTest,
    IReadOnlyList<PublishedPort> Ports,
    IReadOnlyList<MountPoint> Mounts,
    RestartPolicy RestartPolicy);

public sealed record ContainerState(
    string Status,
    bool Running,
    DateTimeOffset? StartedAt,
    int RestartCount,
    long ExitCode,
    string? Health);

public sealed record PublishedPort(string ContainerPort, string HostIp, string HostPort);

public sealed record MountPoint(string Type, string Source, string Destination, bool ReadWrite);
