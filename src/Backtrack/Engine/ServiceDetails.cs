namespace Backtrack.Engine;

/// <summary>
/// What the engine says of one swarm service: its spec's version index (an update must name it, which is
/// how a stale plan is caught), what it runs and how it updates.
/// </summary>
public sealed record ServiceDetails(
    string Id,
    string Name,
    ulong Version,
    string Image,
    ServiceMode Mode,
    ulong? Replicas,
    ServiceUpdateStatus? UpdateStatus,
    ServiceUpdateConfig? UpdateConfig,
    IReadOnlyList<ServicePort> Ports,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The whole spec, as the engine holds it at <see cref="Version"/>.</summary>
    public SwarmServiceSpec? Spec { get; init; }

    /// <summary>The digest the image is pinned to (<c>name:tag@sha256:…</c>), when swarm resolved one.</summary>
    public string? ImageDigest => Image.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? Image[(at + 1)..] : null;
}
