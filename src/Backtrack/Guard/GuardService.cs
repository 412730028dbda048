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
                var restored = detection is null ? null : await RollBackAsync(window, detection).ConfigureAwait(false);
                if (detection is null)
                {
                    await PassAsync(window).ConfigureAwait(false);
                }

                open = null;
                known = await BaselineContainersAsync(restored).ConfigureAwait(false);
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

        var window = new WatchWindow(
            $"w{Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", Now, Now + kit.Env.Guard.Window, baseline.Id,
            new Dictionary<string, string> { [engineEvent.ContainerId] = service });
        await DecideAsync(new GuardDecision(Now, GuardDecision.WindowOpened,
            $"{service} runs a new container ({Short(engineEvent.ContainerId)}); watching every service until {Time(window.Until)}, back to release {baseline.Id} on failure",
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
    /// The containers that run once a window closed, as guard's new baseline. After a rollback, those of the
    /// release it restored: a container a deploy made while the rollback ran is not among them, so its start
    /// event, waiting in the channel, opens the next window.
    /// </summary>
    private async Task<HashSet<string>> BaselineContainersAsync(Release? restored)
    {
        var services = await kit.Inspector.ServicesAsync(kit.Env, CancellationToken.None).ConfigureAwait(false);
        return services
            .Where(s => s.Container is { } c && (restored is null || restored.Service(s.Service)?.ContainerName == c.Name && restored.Service(s.Service)?.ImageId == c.ImageId))
            .Select(s => s.Container!.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every service back to the window's release; runs to its end whatever arrives meanwhile. Returns the
    /// release recorded after a successful rollback. A held lock or a plan that cannot be made is journaled:
    /// guard never retries on its own.
    /// </summary>
    private async Task<Release?> RollBackAsync(WatchWindow window, Detection detection)
    {
        await DecideAsync(new GuardDecision(Now, GuardDecision.Detected, detection.Describe(), window.Id)).ConfigureAwait(false);
        try
        {
            using var session = await kit.Operations.BeginAsync("guard", dryRun: false, CancellationToken.None).ConfigureAwait(false);
            var plan = await AutoRollback.PlanAsync(kit.Planner, kit.Env, window.Baseline, detection, CancellationToken.None).ConfigureAwait(false);
            var outcome = await AutoRollback.RunAsync(session, plan, detection, []).ConfigureAwait(false);
            var report = await kit.WriteReportAsync(plan.Id, CancellationToken.None).ConfigureAwait(false);
            var succeeded = outcome.Execution.Outcome == ExecutionOutcome.Succeeded;
            await DecideAsync(new GuardDecision(Now, succeeded ? GuardDecision.RolledBack : GuardDecision.RollbackFailed,
                (succeeded ? $"every service is back on release {window.Baseline}" : $"the rollback failed ({outcome.Execution.Error}); the failed deploy still runs, look now")
                + $"; operation {plan.Id}, report {report}; no further automatic action until the next deploy", window.Id)).ConfigureAwait(false);
            return succeeded ? outcome.Outputs.OfType<Release>().LastOrDefault() : null;
        }
        catch (BacktrackException e)
        {
            await DecideAsync(new GuardDecision(Now, GuardDecision.Skipped, $"not rolled back: {e.Message}", window.Id)).ConfigureAwait(false);
            return null;
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
