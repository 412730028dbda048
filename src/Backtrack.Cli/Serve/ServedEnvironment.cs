using Backtrack.Cli.Commands;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Releases;
using Backtrack.Reports;
using Backtrack.Snapshots;

namespace Backtrack.Cli.Serve;

/// <summary>
/// The read side of one environment on the status page, in the shapes of the CLI's -o json. One
/// environment (engine client, state database) serves every request; actions open their own.
/// </summary>
public sealed class ServedEnvironment(EnvironmentConfig config) : IDisposable
{
    /// <summary>How long each health check may take on the page: a failing check shows within a poll plus this.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    private const int ListLimit = 20;

    private readonly BacktrackEnvironment environment = new(config);

    public EnvironmentConfig Config => config;

    public IEngineEvents Events => environment.Engine;

    /// <summary>The label naming the project (Compose) or stack (swarm) on its containers: the live feed follows their events.</summary>
    public string ProjectLabel => environment.Containers.ProjectLabel;

    /// <summary>Opens the state database up front: requests then share one connection (its own gate serializes them).</summary>
    public Task OpenAsync(CancellationToken ct) => environment.DatabaseAsync(ct);

    /// <summary>As 'status -o json' (a stack's services, with replicas and tasks, on a swarm).</summary>
    public async Task<object> StatusAsync(CancellationToken ct)
    {
        var interrupted = await StatusCommand.InterruptedAsync(environment, ct).ConfigureAwait(false);
        return config.Backend is Backend.Swarm
            ? StatusCommand.StackJson(config, await environment.StackStatus.GetAsync(config, CheckTimeout, ct).ConfigureAwait(false), interrupted)
            : StatusCommand.ToJson(config, await environment.Status.GetAsync(config, CheckTimeout, ct).ConfigureAwait(false), interrupted);
    }

    /// <summary>As 'releases -o json'.</summary>
    public async Task<IReadOnlyList<ReleaseJson>> ReleasesAsync(CancellationToken ct)
    {
        var (releases, current) = await ReleasesCommand.ListAsync(environment, ListLimit, ct).ConfigureAwait(false);
        return releases.Select(r => ReleasesCommand.ToJson(r, current)).ToList();
    }

    /// <summary>As 'history -o json': operations, newest first, with every step.</summary>
    public async Task<IReadOnlyList<OperationRecord>> HistoryAsync(CancellationToken ct) =>
        await (await environment.JournalAsync(ct).ConfigureAwait(false)).ListAsync(ListLimit, ct).ConfigureAwait(false);

    /// <summary>The checklist an operation ended with (as 'verify -o json'), or null.</summary>
    public async Task<VerifyJson?> VerificationAsync(string operationId, CancellationToken ct) =>
        await (await environment.VerificationsAsync(ct).ConfigureAwait(false)).ForOperationAsync(operationId, ct).ConfigureAwait(false) is { } report
            ? VerifyView.ToJson(report)
            : null;

    /// <summary>The operation's incident report as one HTML page ('report OPERATION --format html').</summary>
    public async Task<string> ReportAsync(string operationId, CancellationToken ct)
    {
        var source = new IncidentReportSource(
            await environment.JournalAsync(ct).ConfigureAwait(false),
            new ReleaseStore(await environment.DatabaseAsync(ct).ConfigureAwait(false)),
            await environment.VerificationsAsync(ct).ConfigureAwait(false));
        return await source.RenderAsync(config.Name, operationId, null, "html", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// What can still be rolled back to: each release with whether every image it names is still on the
    /// engine (its specs are in the release), and each snapshot with when it last passed its verification
    /// and how much newer data a restore of it would discard (its age).
    /// </summary>
    public async Task<InventoryJson> InventoryAsync(CancellationToken ct)
    {
        var (releases, current) = await ReleasesCommand.ListAsync(environment, ListLimit, ct).ConfigureAwait(false);
        var present = new Dictionary<string, bool>();
        foreach (var imageId in releases.SelectMany(r => r.Services).Select(s => s.ImageId).Distinct())
        {
            present[imageId] = await environment.Engine.InspectImageAsync(imageId, ct).ConfigureAwait(false) is not null;
        }

        var store = new SnapshotStore(config.Snapshots.Directory);
        var now = environment.Clock.GetUtcNow();
        var snapshots = new List<InventorySnapshotJson>();
        foreach (var snapshot in await store.ListAsync(ct).ConfigureAwait(false))
        {
            snapshots.Add(new InventorySnapshotJson(
                SnapshotListCommand.ToJson(snapshot),
                await store.VerifiedAtAsync(snapshot.Id, ct).ConfigureAwait(false),
                Math.Max(0, (now - snapshot.CreatedAt).TotalSeconds)));
        }

        var rows = releases.Select(r => new InventoryReleaseJson(
            r.Id,
            r.Created,
            r.Id == current,
            r.Id != current && r.Services.All(s => present[s.ImageId]),
            r.Services.Select(s => new InventoryServiceJson(s.Service, s.Image, s.ImageId, present[s.ImageId], SpecRecorded: true)).ToList()));
        return new InventoryJson(rows.ToList(), snapshots);
    }

    public void Dispose() => environment.Dispose();
}
