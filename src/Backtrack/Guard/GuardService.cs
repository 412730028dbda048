using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Releases;

namespace Backtrack.Guard;

/// <summary>
/// backtrack guard: follows the backend's deploy source; a deploy of a service opens a watch window (more
/// joining it move its end); a failure rolls every service back to the release before the window, then
/// nothing happens on its own until the next deploy. Journals every decision and resumes an open window
/// after a restart. Ends when the token is cancelled; a rollback in progress finishes first.
/// </summary>
public sealed class GuardService(GuardKit kit, TextWriter say) : IDisposable
{
    private const int HistoryDepth = 100;

    /// <summary>A resumed window lasts at least this long, so the events replayed since it opened arrive and are judged.</summary>
    private static readonly TimeSpan ReplayGrace = TimeSpan.FromSeconds(2);
    private readonly GuardDecisions decisions = new(new GuardJournal(kit.Env.StateDirectory), say, kit.Clock);

    public async Task RunAsync(CancellationToken stop)
    {
        var resumed = await decisions.Journal.OpenWindowAsync(stop).ConfigureAwait(false);
        var open = resumed is { Window: { } id, Opened: { } opened, Until: { } until, Baseline: { } baseline }
            ? new WatchWindow(id, opened, Later(until, Now + ReplayGrace), baseline, resumed.Containers ?? new Dictionary<string, string>())
            : null;
        // Resumed, every unit deployed since the window opened (and not by it) joins it as its event is replayed.
        if (open is null)
        {
            await kit.Source.SettleAsync(stop).ConfigureAwait(false);
        }
        else
        {
            await kit.Source.ResumeAsync(open, await kit.Releases.GetAsync(open.Baseline, stop).ConfigureAwait(false), stop).ConfigureAwait(false);
        }

        await decisions.DecideAsync(new GuardDecision(Now, GuardDecision.Started, open is null
            ? $"watching {kit.Env.Backend.ToString().ToLowerInvariant()} {kit.Env.Project}, window {kit.Env.Guard.Window.TotalSeconds:0.#} s"
            : $"resuming window {open.Id} (until {GuardDecisions.Time(open.Until)}, back to release {open.Baseline})")).ConfigureAwait(false);
        var events = kit.Source.Follow(open?.Opened ?? Now, decisions.Note, stop);
        var closing = new GuardRollback(kit, decisions);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (open is null)
                {
                    open = await OpenAsync(await events.ReadAsync(stop).ConfigureAwait(false), stop).ConfigureAwait(false);
                    continue;
                }

                var window = open;
                var detection = await kit.Watcher.RunAsync(window, events, (e, ct) => JoinAsync(window, e, ct), decisions.Note, stop).ConfigureAwait(false);
                var restored = detection is not null && await closing.RollBackAsync(window, detection).ConfigureAwait(false);
                if (detection is null)
                {
                    await closing.PassAsync(window).ConfigureAwait(false);
                }

                // What runs now is the baseline; the events held meanwhile are judged against it and the next window.
                open = restored ? await OpenForDeployedMeanwhileAsync(window.Baseline).ConfigureAwait(false) : null;
                await kit.Source.SettleAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && stop.IsCancellationRequested)
        {
            // SIGTERM or SIGINT: a clean end.
        }
        catch (ChannelClosedException e) when (e.InnerException is BacktrackException lost)
        {
            // The source stopped following the engine: its own one-line error, not the channel's.
            await decisions.FlushNotesAsync().ConfigureAwait(false);
            ExceptionDispatchInfo.Throw(lost);
        }

        await decisions.FlushNotesAsync().ConfigureAwait(false);
        await decisions.DecideAsync(new GuardDecision(Now, GuardDecision.Stopped, open is null
            ? "stopped"
            : $"stopped with window {open.Id} open until {GuardDecisions.Time(open.Until)}; a restart resumes it", open?.Id)).ConfigureAwait(false);
    }

    private DateTimeOffset Now => kit.Clock.GetUtcNow();

    /// <summary>A deploy of a service opens a window, unless another command of Backtrack's (a person's rollback, a deploy) holds the lock: that change is theirs.</summary>
    private async Task<WatchWindow?> OpenAsync(EngineEvent engineEvent, CancellationToken ct)
    {
        if (await NewServiceAsync(engineEvent, ct).ConfigureAwait(false) is not { } service)
        {
            return null;
        }

        var history = await kit.Releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false);
        if (history.FirstOrDefault(r => !ReleaseOrigins.FailedItsWindow(r)) is not { } baseline)
        {
            await decisions.NoteAsync($"{service} was deployed but no release is recorded to go back to; run 'backtrack record'").ConfigureAwait(false);
            return null;
        }

        return await OpenWindowAsync(new Dictionary<string, string> { [engineEvent.ContainerId] = service }, baseline.Id, "").ConfigureAwait(false);
    }

    /// <summary>
    /// After a rollback: a deploy that landed while it ran (its events were held meanwhile) opens a window of
    /// its own for every service that no longer runs the restored release, back to that release on failure.
    /// A change made under another command's lock is that command's to watch.
    /// </summary>
    private async Task<WatchWindow?> OpenForDeployedMeanwhileAsync(long restored)
    {
        try
        {
            var deployed = EnvironmentLock.IsHeld(kit.Env.StateDirectory)
                ? []
                : await kit.Source.DeployedMeanwhileAsync(restored, CancellationToken.None).ConfigureAwait(false);
            // Asked again after looking: a waiting 'backtrack deploy' may have taken the lock meanwhile.
            return deployed.Count == 0 || EnvironmentLock.IsHeld(kit.Env.StateDirectory) ? null : await OpenWindowAsync(deployed, restored, " (deployed while the rollback ran)").ConfigureAwait(false);
        }
        catch (BacktrackException e)
        {
            // No window then: without the planner's comparison (a release that no longer plans, e.g. an image
            // removed meanwhile) guard cannot tell a deploy's new units from its own rollback's, and a window
            // over the rollback's own units would roll back onto itself. A person has to look.
            await decisions.NoteAsync($"cannot tell what changed while the rollback ran: {e.Message}; what runs now is not watched, check it with 'backtrack status'").ConfigureAwait(false);
            return null;
        }
    }

    private async Task<WatchWindow> OpenWindowAsync(Dictionary<string, string> units, long baseline, string why)
    {
        var window = new WatchWindow($"w{Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", Now, Now + kit.Env.Guard.Window, baseline, units);
        var what = string.Join(", ", units.Select(c => kit.Source.Deployed(c.Key, c.Value)));
        await decisions.DecideAsync(new GuardDecision(Now, GuardDecision.WindowOpened,
            $"{what}{why}; watching every service until {GuardDecisions.Time(window.Until)}, back to release {baseline} on failure",
            window.Id, window.Opened, window.Until, window.Baseline, window.Containers)).ConfigureAwait(false);
        return window;
    }

    private async Task JoinAsync(WatchWindow window, EngineEvent engineEvent, CancellationToken ct)
    {
        if (window.Containers.ContainsKey(engineEvent.ContainerId) || await NewServiceAsync(engineEvent, ct).ConfigureAwait(false) is not { } service)
        {
            return;
        }

        window.Join(engineEvent.ContainerId, service, Now + kit.Env.Guard.Window);
        await decisions.DecideAsync(new GuardDecision(Now, GuardDecision.WindowJoined,
            $"{kit.Source.Deployed(engineEvent.ContainerId, service)}; the window now ends {GuardDecisions.Time(window.Until)}",
            window.Id, Until: window.Until, Containers: new Dictionary<string, string> { [engineEvent.ContainerId] = service })).ConfigureAwait(false);
    }

    /// <summary>The service the source says was deployed, unless a command holding the lock deployed it.</summary>
    private async Task<string?> NewServiceAsync(EngineEvent engineEvent, CancellationToken ct)
    {
        if (await kit.Source.NewDeployAsync(engineEvent, ct).ConfigureAwait(false) is not { } service)
        {
            return null;
        }

        if (EnvironmentLock.IsHeld(kit.Env.StateDirectory))
        {
            await decisions.NoteAsync($"{service} was deployed while another Backtrack command holds the lock; that command watches it").ConfigureAwait(false);
            return null;
        }

        return service;
    }

    public void Dispose() => decisions.Dispose();

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
