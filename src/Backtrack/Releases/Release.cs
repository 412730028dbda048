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
}

public sealed record ServiceRelease(string Service, string ContainerName, string Image, string ImageId, bool Healthy, ContainerSpec Spec);
