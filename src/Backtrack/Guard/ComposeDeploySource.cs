using System.Globalization;
using System.Threading.Channels;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Status;

namespace Backtrack.Guard;

/// <summary>
/// Deploys of a Compose project: a new running container of a service, from the engine's container events
/// (the project's label). Failures: an OOM kill, a restart or a bad exit of a watched container.
/// </summary>
public sealed class ComposeDeploySource(EnvironmentConfig env, IEngineEvents events, ProjectInspector inspector, IRollbackPlanning planner) : IDeploySource
{
    private HashSet<string> known = new(StringComparer.Ordinal);

    public ChannelReader<EngineEvent> Follow(DateTimeOffset since, Action<string> report, CancellationToken ct) =>
        EngineEventFeed.Follow(events, env.Project, since, report, ct);

    public string Deployed(string unitId, string service) => $"{service} runs a new container ({GuardDecisions.Abbreviate(unitId)})";

    public async Task<Dictionary<string, string>> CurrentAsync(CancellationToken ct) =>
        (await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
            .Where(s => s.Container is not null)
            .ToDictionary(s => s.Container!.Id, s => s.Service, StringComparer.Ordinal);

    public async Task SettleAsync(CancellationToken ct) => known = (await CurrentAsync(ct).ConfigureAwait(false)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Nothing to learn: the feed replays the containers started since the window opened, and those join it.</summary>
    public Task ResumeAsync(WatchWindow window, Release? baseline, CancellationToken ct) => Task.CompletedTask;

    public async Task<string?> NewDeployAsync(EngineEvent engineEvent, CancellationToken ct)
    {
        if (engineEvent.Action != "start" || !known.Add(engineEvent.ContainerId) || ContainerEventJudge.Service(engineEvent) is not { } service)
        {
            return null;
        }

        // A container that crashed at once still counts (its exit, next in the stream, fails the window); one
        // removed or set aside since (a rollback's own, undone) does not.
        return (await CurrentAsync(ct).ConfigureAwait(false)).ContainsKey(engineEvent.ContainerId) ? service : null;
    }

    public Detection? Judge(EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched) =>
        ContainerEventJudge.Service(engineEvent) is { } service && GuardSignals.WatchesEvents(env, service) ? ContainerEventJudge.Judge(engineEvent, watched) : null;

    /// <summary>Compose has no rollback of its own (it ignores failure_action).</summary>
    public Task LetEngineRollbackEndAsync(Action<string> report, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The services whose container differs from the restored release, by the rollback planner's own comparison (image and whole spec).</summary>
    public async Task<Dictionary<string, string>> DeployedMeanwhileAsync(long restored, CancellationToken ct)
    {
        var request = new RollbackRequest([], restored.ToString(CultureInfo.InvariantCulture), ImageOnly: false, StopTimeout: null, HealthTimeout: null, Verify: false);
        var plan = await planner.PlanAsync(env, request, ct).ConfigureAwait(false);

        // The plan's first steps expect each service that would change: its container now.
        return plan.Steps.OfType<ExpectContainerStep>().ToDictionary(s => s.ContainerId, s => s.Lane, StringComparer.Ordinal);
    }
}
