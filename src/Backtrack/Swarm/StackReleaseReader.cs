using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Releases;
using Backtrack.Status;

namespace Backtrack.Swarm;

/// <summary>
/// What a stack runs now, as release rows: each deployed service's whole spec at its version index, the
/// image its tasks run, and whether it is healthy (every desired task running, its checks passing).
/// </summary>
public sealed class StackReleaseReader(StackInspector inspector, StackStatusService status, IImageQueries images)
{
    public async Task<IReadOnlyList<ServiceRelease>> ReadAsync(EnvironmentConfig env, TimeSpan checkTimeout, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        return await Task.WhenAll(services
            .Where(s => s.Details?.Spec is not null)
            .Select(async s =>
            {
                var details = s.Details!;
                var spec = details.Spec!;
                var row = await status.ServiceStatusAsync(env, s, checkTimeout, ct).ConfigureAwait(false);
                var image = await images.InspectImageAsync(spec.Image, ct).ConfigureAwait(false);
                // What each task's container runs, for the history and reports; the service spec is what a rollback applies.
                var containerSpec = new ContainerSpec { Image = spec.Image, Env = spec.Env, Labels = details.Labels, HostConfigJson = "{}" };
                return new ServiceRelease(s.Service, details.Name, spec.Image, image?.Id ?? details.ImageDigest ?? spec.Image, row.Healthy, containerSpec)
                {
                    ServiceSpec = spec,
                    SpecVersion = details.Version,
                };
            })).ConfigureAwait(false);
    }
}
