using System.Globalization;
using System.Threading.Channels;
using Backtrack.Compose;
using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Releases;

namespace Backtrack.Guard;

/// <summary>
/// backtrack guard: follows the engine's event stream; a new container of a service opens a watch window
/// (more joining it move its end); a failure rolls every service back to the release before the window,
/// then nothing happens on its own until the next deploy. Journals every decision and resumes an open
/// window after a restart. Ends when the token is cancelled; a rollback in progress finishes first.
/// </summary>
public sealed class GuardService(GuardKit kit, TextWriter say) : IDisposable
{
    private const int HistoryDepth = 100;

    /// <summary>A resumed window lasts at least this long, so the events replayed since it opened arrive and are judged.</summary>
    private static readonly TimeSpan ReplayGrace = TimeSpan.FromSeconds(2);
    private readonly GuardJournal journal = new(kit.Env.StateDirectory);

    // Decisions come from the loop, the event feed and the signals: one line at a time.
    private readonly SemaphoreSlim writing = new(1, 1);

    public async Task RunAsync(CancellationToken stop)
    {
        var resumed = await journal.OpenWindowAsync(stop).ConfigureAwait(false);
        var open = resumed is { Window: { } id, Opened: { } opened, Until: { } until, Baseline: { } baseline }
            ? new WatchWindow(id, opened, Later(until, Now + ReplayGrace), baseline, resumed.Containers ?? new Dictionary<string, string>())
            : null;
        // Resumed, every container started since the window opened joins it as its start event is replayed.
        var known = open is null ? (await kit.ContainersAsync(stop).ConfigureAwait(false)).Keys.ToHashSet() : [];
        await DecideAsync(new GuardDecision(Now, GuardDecision.Started, open is null
            ? $"watching project {kit.Env.Project} ({known.Count} containers), window {kit.Env.Guard.Window.TotalSeconds:0.#} s"
            : $"resuming window {open.Id} (until {Time(open.Until)}, back to release {open.Baseline})")).ConfigureAwait(false);
        var events = EngineEventFeed.Follow(kit.Events, kit.Env.Project, open?.Opened ?? Now, Note, stop);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (open is null)
                {
                    open = await OpenAsync(await events.ReadAsync(stop).ConfigureAwait(false), known, stop).ConfigureAwait(false);
                    continue;
                }

                var window = open;
                var detection = await kit.Watcher.RunAsync(window, events, (e, ct) => JoinAsync(window, e, known, ct), Note, stop).ConfigureAwait(false);
                var restored = detection is not null && await RollBackAsync(window, detection).ConfigureAwait(false);
                if (detection is null)
                {
                    await PassAsync(window).ConfigureAwait(false);
                }

                // What runs now is the baseline; the events held meanwhile are judged against it and the next window.
                known = (await kit.ContainersAsync(CancellationToken.None).ConfigureAwait(false)).Keys.ToHashSet(StringComparer.Ordinal);
                open = restored ? await OpenForDeployedMeanwhileAsync(window.Baseline).ConfigureAwait(false) : null;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && stop.IsCancellationRequested)
        {
            // SIGTERM or SIGINT: a clean end.
        }

        await DecideAsync(new GuardDecision(Now, GuardDecision.Stopped, open is null
            ? "stopped"
            : $"stopped with window {open.Id} open until {Time(open.Until)}; a restart resumes it", open?.Id)).ConfigureAwait(false);
    }

    private DateTimeOffset Now => kit.Clock.GetUtcNow();

    /// <summary>A new running container of a service opens a window, unless another command of Backtrack's (a person's rollback, a deploy) holds the lock: that change is theirs.</summary>
    private async Task<WatchWindow?> OpenAsync(EngineEvent engineEvent, HashSet<string> known, CancellationToken ct)
    {
        if (await NewServiceAsync(engineEvent, known, ct).ConfigureAwait(false) is not { } service)
        {
            return null;
        }

        var history = await kit.Releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false);
        if (history.FirstOrDefault(r => !ReleaseOrigins.FailedItsWindow(r)) is not { } baseline)
        {
            known.Add(engineEvent.ContainerId);
            await DecideAsync(new GuardDecision(Now, GuardDecision.Note, $"{service} has a new container but no release is recorded to go back to; run 'backtrack record'")).ConfigureAwait(false);
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
                : await DeployedMeanwhile.FindAsync(kit, restored, CancellationToken.None).ConfigureAwait(false);
            // Asked again after looking: a waiting 'backtrack deploy' may have taken the lock meanwhile.
            return deployed.Count == 0 || EnvironmentLock.IsHeld(kit.Env.StateDirectory) ? null : await OpenWindowAsync(deployed, restored, " (deployed while the rollback ran)").ConfigureAwait(false);
        }
        catch (BacktrackException e)
        {
            await DecideAsync(new GuardDecision(Now, GuardDecision.Note, $"cannot tell what changed while the rollback ran: {e.Message}")).ConfigureAwait(false);
            return null;
        }
    }

    private async Task<WatchWindow> OpenWindowAsync(Dictionary<string, string> containers, long baseline, string why)
    {
        var window = new WatchWindow($"w{Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", Now, Now + kit.Env.Guard.Window, baseline, containers);
        var what = string.Join(", ", containers.Select(c => $"{c.Value} runs a new container ({Short(c.Key)})"));
        await DecideAsync(new GuardDecision(Now, GuardDecision.WindowOpened,
            $"{what}{why}; watching every service until {Time(window.Until)}, back to release {baseline} on failure",
            window.Id, window.Opened, window.Until, window.Baseline, window.Containers)).ConfigureAwait(false);
        return window;
    }

    private async Task JoinAsync(WatchWindow window, EngineEvent engineEvent, HashSet<string> known, CancellationToken ct)
    {
        if (window.Containers.ContainsKey(engineEvent.ContainerId) || await NewServiceAsync(engineEvent, known, ct).ConfigureAwait(false) is not { } service)
        {
            return;
        }

        window.Join(engineEvent.ContainerId, service, Now + kit.Env.Guard.Window);
        await DecideAsync(new GuardDecision(Now, GuardDecision.WindowJoined,
            $"{service} runs a new container ({Short(engineEvent.ContainerId)}); the window now ends {Time(window.Until)}",
            window.Id, Until: window.Until, Containers: new Dictionary<string, string> { [engineEvent.ContainerId] = service })).ConfigureAwait(false);
    }

    /// <summary>The service of a container that started, is not known, is still its service's container, and was not started by a command holding the lock.</summary>
    private async Task<string?> NewServiceAsync(EngineEvent engineEvent, HashSet<string> known, CancellationToken ct)
    {
        if (engineEvent.Action != "start" || known.Contains(engineEvent.ContainerId) || ContainerEventJudge.Service(engineEvent) is not { } service)
        {
            return null;
        }

        var details = await kit.Inspector.ServicesAsync(kit.Env, ct).ConfigureAwait(false);
        // A container that crashed at once still counts (its exit, next in the stream, fails the window); one
        // removed or set aside since (a rollback's own, undone) does not.
        if (!details.Any(s => s.Container?.Id == engineEvent.ContainerId))
        {
            return null;
        }

        if (EnvironmentLock.IsHeld(kit.Env.StateDirectory))
        {
            known.Add(engineEvent.ContainerId);
            await DecideAsync(new GuardDecision(Now, GuardDecision.Note, $"{service} runs a new container while another Backtrack command holds the lock; that command watches it")).ConfigureAwait(false);
            return null;
        }

        return service;
    }

    private async Task PassAsync(WatchWindow window)
    {
        var note = await TryRecordAsync(ReleaseOrigins.PassedWindow, $"healthy for the whole watch window {window.Id}").ConfigureAwait(false);
        await DecideAsync(new GuardDecision(Now, GuardDecision.WindowPassed, $"every service stayed healthy; {note}", window.Id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Every service back to the window's release; runs to its end whatever arrives meanwhile (the events
    /// wait in the feed). Returns whether it succeeded. A held lock or a plan that cannot be made is journaled:
    /// guard never retries on its own.
    /// </summary>
    private async Task<bool> RollBackAsync(WatchWindow window, Detection detection)
    {
        await DecideAsync(new GuardDecision(Now, GuardDecision.Detected, detection.Describe(), window.Id)).ConfigureAwait(false);
        try
        {
            using var session = await kit.Operations.BeginAsync("guard", dryRun: false, CancellationToken.None).ConfigureAwait(false);
            var plan = await AutoRollback.PlanAsync(kit.Planner, kit.Env, window, detection, CancellationToken.None).ConfigureAwait(false);
            var outcome = await AutoRollback.RunAsync(session, plan, detection, []).ConfigureAwait(false);
            var report = await kit.WriteReportAsync(plan.Id, CancellationToken.None).ConfigureAwait(false);
            var succeeded = outcome.Execution.Outcome == ExecutionOutcome.Succeeded;
            await DecideAsync(new GuardDecision(Now, succeeded ? GuardDecision.RolledBack : GuardDecision.RollbackFailed,
                (succeeded ? $"every service is back on release {window.Baseline}" : $"the rollback failed ({outcome.Execution.Error}); the failed deploy still runs, look now")
                + $"; operation {plan.Id}, report {report}; no further automatic action until the next deploy", window.Id)).ConfigureAwait(false);
            return succeeded;
        }
        catch (BacktrackException e)
        {
            await DecideAsync(new GuardDecision(Now, GuardDecision.Skipped, $"not rolled back: {e.Message}", window.Id)).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<string> TryRecordAsync(string origin, string note)
    {
        try
        {
            using var session = await kit.Operations.BeginAsync("guard", dryRun: false, CancellationToken.None).ConfigureAwait(false);
            var release = await ReleaseRecording.RecordAsync(session, kit.Clock, null, origin, note, [], CancellationToken.None).ConfigureAwait(false);
            return $"recorded release {release.Id}";
        }
        catch (BacktrackException e)
        {
            return $"not recorded: {e.Message}";
        }
    }

    private void Note(string detail) => _ = DecideAsync(new GuardDecision(Now, GuardDecision.Note, detail));

    private async Task DecideAsync(GuardDecision decision)
    {
        await writing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await journal.WriteAsync(decision, CancellationToken.None).ConfigureAwait(false);
            await say.WriteLineAsync($"{Time(decision.At)} {decision.Decision}: {decision.Detail}").ConfigureAwait(false);
        }
        finally
        {
            writing.Release();
        }
    }

    public void Dispose() => writing.Dispose();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC";

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
