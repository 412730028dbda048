using Backtrack.Configuration;
using Backtrack.Diagnostics;
using Backtrack.Engine;
using Backtrack.Git;
using Backtrack.Health;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Releases;

/// <summary>
/// Records what runs now as a release: each service's image, image ID, spec and whether it is healthy,
/// and the deploy repository's commit when git is configured. An environment with hosts is recorded as one
/// release of every host's services (named HOST/SERVICE).
/// </summary>
public sealed class ReleaseRecorder(
    ProjectInspector inspector, StackReleaseReader stack, HealthChecker checker, ReleaseStore store, TimeProvider clock, Hosts.HostSet? hosts = null)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public ReleaseStore Store => store;

    public Task<Release> RecordAsync(EnvironmentConfig env, string origin, string? note, string? operationId, CancellationToken ct) =>
        RecordAsync(env, origin, note, operationId, new HashSet<string>(), ct);

    /// <param name="gated">Containers (by name) that passed a health gate moments ago: recorded healthy unchecked.</param>
    public async Task<Release> RecordAsync(
        EnvironmentConfig env, string origin, string? note, string? operationId, IReadOnlySet<string> gated, CancellationToken ct)
    {
        IReadOnlyList<ServiceRelease> rows;
        using (TimingTrace.Phase("release rows"))
        {
            rows = env.Backend is Backend.Swarm ? await stack.ReadAsync(env, CheckTimeout, ct).ConfigureAwait(false)
                : hosts is not null ? await hosts.ReleaseRowsAsync(ct).ConfigureAwait(false)
                : await ContainerRowsAsync(inspector, checker, env, gated, ct).ConfigureAwait(false);
        }

        if (rows.Count == 0)
        {
            var what = env.Backend is Backend.Swarm ? $"stack '{env.Project}' has no services" : $"project '{env.Project}' has no containers";
            throw new BacktrackException($"{what} on the engine; nothing to record");
        }

        // The deploy repository's HEAD: what 'rollback git --to last-good' goes back to.
        var commit = env.Git is { } git ? await GitRepository.TryHeadAsync(git.Path, ct).ConfigureAwait(false) : null;
        var release = new Release(0, clock.GetUtcNow(), origin, note, commit, operationId, rows);
        using var storing = TimingTrace.Phase("release store");
        var id = await store.AddAsync(release, ct).ConfigureAwait(false);
        return release with { Id = id };
    }

    /// <summary>
    /// A container's health as the inspection already tells it, when it does: with no check, whether it runs; with
    /// its own HEALTHCHECK, the engine's verdict of its last probe (running the test again, an exec of ~100 ms, is
    /// left to "starting" or no verdict yet). A URL is always asked.
    /// </summary>
    internal static bool? KnownHealth(ContainerDetails container, HealthCheckSpec check) => check switch
    {
        NoHealthCheck => container.State.Running,
        ContainerHealthCheck when !container.State.Running => false,
        ContainerHealthCheck => container.State.Health switch { "healthy" => true, "unhealthy" => false, _ => null },
        _ => null,
    };

    /// <summary>What runs in a Compose project now, one row per service with a container.</summary>
    public static async Task<IReadOnlyList<ServiceRelease>> ContainerRowsAsync(
        ProjectInspector inspector, HealthChecker checker, EnvironmentConfig env, IReadOnlySet<string> gated, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        return await Task.WhenAll(services
            .Where(s => s.Container is not null)
            .Select(async s =>
            {
                var container = s.Container!;
                var check = env.ServiceOrDefault(s.Service).Health;
                var healthy = gated.Contains(container.Name)
                    || (KnownHealth(container, check)
                        ?? (await checker.CheckAsync(new HealthTarget(s.Service, container.Id, check), CheckTimeout, ct).ConfigureAwait(false)).Healthy);
                return new ServiceRelease(s.Service, container.Name, container.Spec.Image, container.ImageId, healthy, container.Spec);
            })).ConfigureAwait(false);
    }
}
