using System.Collections.Concurrent;
using Backtrack.Configuration;
using Backtrack.Releases;
using Backtrack.Status;

namespace Backtrack.Hosts;

/// <summary>
/// The hosts of an environment with <c>hosts:</c>, each its own engine. A target the journal names that
/// the configuration no longer does (repair after an edit) is wired on first use from its parameters.
/// </summary>
public sealed class HostSet : IDisposable
{
    private readonly EnvironmentConfig environment;
    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<HostTarget, HostEnvironment> wired = new();

    public HostSet(EnvironmentConfig environment, HttpClient http, TimeProvider clock)
    {
        this.environment = environment;
        this.http = http;
        this.clock = clock;
        All = environment.Hosts.Select(h => For(new HostTarget(h.Name, h.Engine, h.Project ?? environment.Project))).ToList();
    }

    /// <summary>The configured hosts, in the configuration's order.</summary>
    public IReadOnlyList<HostEnvironment> All { get; }

    public HostEnvironment For(HostTarget target) => wired.GetOrAdd(target, t => new HostEnvironment(environment, t, http, clock));

    /// <summary>Every service on every host, read concurrently; each row names its host.</summary>
    public async Task<IReadOnlyList<ServiceStatus>> StatusAsync(TimeSpan checkTimeout, CancellationToken ct)
    {
        var perHost = await Task.WhenAll(All.Select(async host =>
            (await host.Status.GetAsync(host.Config, checkTimeout, ct).ConfigureAwait(false)).Select(row => row with { Host = host.Name }))).ConfigureAwait(false);
        return perHost.SelectMany(rows => rows).ToList();
    }

    /// <summary>The image ID each service runs on each host, by HOST/SERVICE (as release rows name them).</summary>
    public async Task<IReadOnlyDictionary<string, string>> RunningImageIdsAsync(CancellationToken ct)
    {
        var perHost = await Task.WhenAll(All.Select(async host =>
            (await host.Inspector.ServicesAsync(host.Config, ct).ConfigureAwait(false))
                .Where(s => s.Container is not null)
                .Select(s => (Service: Release.HostService(host.Name, s.Service), s.Container!.ImageId)))).ConfigureAwait(false);
        return perHost.SelectMany(rows => rows).ToDictionary(r => r.Service, r => r.ImageId);
    }

    /// <summary>What runs on every host, as the rows of one release (services named HOST/SERVICE).</summary>
    public async Task<IReadOnlyList<ServiceRelease>> ReleaseRowsAsync(CancellationToken ct)
    {
        var perHost = await Task.WhenAll(All.Select(async host =>
            (await ReleaseRecorder.ContainerRowsAsync(host.Inspector, host.Checker, host.Config, new HashSet<string>(), ct).ConfigureAwait(false))
                .Select(row => row with { Service = Release.HostService(host.Name, row.Service) }))).ConfigureAwait(false);
        return perHost.SelectMany(rows => rows).ToList();
    }

    public void Dispose()
    {
        foreach (var host in wired.Values)
        {
            host.Dispose();
        }
    }
}
