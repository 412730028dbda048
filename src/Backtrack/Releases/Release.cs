using Backtrack.Configuration;
using Backtrack.Engine;

namespace Backtrack.Releases;

/// <summary>What ran in the environment at one moment: every service's image and full container spec.</summary>
public sealed record Release(
    long Id,
    DateTimeOffset Created,
    string Origin,
    string? Note,
    string? GitCommit,
    string? OperationId,
    IReadOnlyList<ServiceRelease> Services)
{
    public ServiceRelease? Service(string name) => Services.FirstOrDefault(s => s.Service == name);

    /// <summary>A service's name in a release of a multi-host environment: HOST/SERVICE.</summary>
    public static string HostService(string host, string service) => $"{host}/{service}";

    /// <summary>One host's part of a multi-host release, its services named as on the host.</summary>
    public Release OnHost(string host) => this with
    {
        Services = Services.Where(s => s.Service.StartsWith(host + "/", StringComparison.Ordinal))
            .Select(s => s with { Service = s.Service[(host.Length + 1)..] })
            .ToList(),
    };
}

/// <summary>
/// One service of a release. <see cref="Spec"/> is what each of its containers runs; a swarm service
/// adds its whole service spec, tagged by the backend it came from, and the version index it was read at.
/// </summary>
public sealed record ServiceRelease(string Service, string ContainerName, string Image, string ImageId, bool Healthy, ContainerSpec Spec)
{
    /// <summary>The swarm service's whole spec; null for a Compose service.</summary>
    public SwarmServiceSpec? ServiceSpec { get; init; }

    /// <summary>The swarm service's version index when it was recorded.</summary>
    public ulong? SpecVersion { get; init; }

    public Backend Backend => ServiceSpec is null ? Backend.Compose : Backend.Swarm;
}
