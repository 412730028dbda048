using System.Threading.Channels;
using Backtrack.Engine;
using Backtrack.Releases;

namespace Backtrack.Guard;

/// <summary>
/// Where guard and deploy learn of deploys and failures, per backend. A unit is what a window watches: a
/// container on Compose, a service's task spec (its digest and the service's name) on swarm. Events are the engine's own container
/// events on Compose, and what a poll of the swarm manager saw change on swarm.
/// </summary>
public interface IDeploySource : IEventJudge
{
    /// <summary>The events from SINCE on, followed in the background until cancelled.</summary>
    ChannelReader<EngineEvent> Follow(DateTimeOffset since, Action<string> report, CancellationToken ct);

    /// <summary>How the journal says a service was deployed (its new unit).</summary>
    string Deployed(string unitId, string service);

    /// <summary>What runs now, unit ID to service.</summary>
    Task<Dictionary<string, string>> CurrentAsync(CancellationToken ct);

    /// <summary>What runs now is no deploy: called at start (unless a window resumes) and after each window.</summary>
    Task SettleAsync(CancellationToken ct);

    /// <summary>
    /// What runs now is no deploy when it is the resumed window's own units or what its baseline release ran: called at
    /// start when a window resumes. Compose replays its container events from the window's opening instead.
    /// </summary>
    Task ResumeAsync(WatchWindow window, Release? baseline, CancellationToken ct);

    /// <summary>The service a deploy of which this event tells (a unit not known yet that still runs), or null; the unit is known from then on.</summary>
    Task<string?> NewDeployAsync(EngineEvent engineEvent, CancellationToken ct);

    /// <summary>Before an automatic rollback: lets the engine's own rollback (swarm's failure_action) end first, so the two never fight.</summary>
    Task LetEngineRollbackEndAsync(Action<string> report, CancellationToken ct);

    /// <summary>What no longer runs the restored release after guard's rollback (a deploy landed meanwhile): unit ID to service.</summary>
    Task<Dictionary<string, string>> DeployedMeanwhileAsync(long restored, CancellationToken ct);
}
