using System.Text.Json;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Git;
using Backtrack.Status;
using Backtrack.Serialization;

namespace Backtrack.Releases;

/// <summary>
/// Whether a recorded release already says what runs: every service with a container, by name, image, image ID
/// and whole spec, and the deploy repository's commit. Then the record before a rollback references that release
/// instead of recording it again.
/// </summary>
public static class RunningRelease
{
    public static async Task<bool> DescribesAsync(Release release, IReadOnlyList<ServiceContainer> running, GitConfig? git, CancellationToken ct) =>
        Describes(release, running)
        && release.GitCommit == (git is null ? null : await GitRepository.TryHeadAsync(git.Path, ct).ConfigureAwait(false));

    private static bool Describes(Release release, IReadOnlyList<ServiceContainer> running)
    {
        var containers = running.Where(s => s.Container is not null).ToList();
        return !ReleaseOrigins.FailedItsWindow(release)
            && containers.Count == release.Services.Count
            && containers.All(s => release.Service(s.Service) is { } recorded
                && recorded.Backend is Configuration.Backend.Compose
                && recorded.ContainerName == s.Container!.Name
                && recorded.Image == s.Container.Spec.Image
                && recorded.ImageId == s.Container.ImageId
                && SameSpec(recorded.Spec, s.Container.Spec));
    }

    /// <summary>Specs hold lists and maps, which records compare by reference: compared as the JSON they are stored as.</summary>
    public static bool SameSpec(ContainerSpec a, ContainerSpec b) => JsonSerializer.Serialize(a, BacktrackJson.Options.TypeInfo<ContainerSpec>()) == JsonSerializer.Serialize(b, BacktrackJson.Options.TypeInfo<ContainerSpec>());
}
