using System.Threading.Channels;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard.Signals;

namespace Backtrack.Guard;

/// <summary>
/// Watches one window until it ends: reads the polled signals every interval and judges each engine event
/// as it arrives (not polled) by the backend's judge. Returns the first failure, or null when the window passed. A signal that
/// cannot be read is reported, once per new detail, and never fails the window by itself.
/// </summary>
public sealed class WindowWatcher(EnvironmentConfig env, ISignalSource signals, IEventJudge judge, TimeProvider clock)
{
    /// <param name="onOtherEvent">An event that is no failure of the window's containers (guard: a new container joins the window).</param>
    public async Task<Detection?> RunAsync(
        WatchWindow window, ChannelReader<EngineEvent> events, Func<EngineEvent, CancellationToken, Task> onOtherEvent, Action<string> report, CancellationToken ct)
    {
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<IPolledSignal> polled = [];
        var version = -1;
        do
        {
            if (version != window.Version)
            {
                version = window.Version;
                polled = await signals.BuildAsync(env, window.Opened, ct).ConfigureAwait(false);
            }

            var readings = await Task.WhenAll(polled.Select(s => s.ReadAsync(ct))).ConfigureAwait(false);
            foreach (var (signal, reading) in polled.Zip(readings))
            {
                if (reading.State is SignalState.Failing)
                {
                    return new Detection(clock.GetUtcNow(), signal.Name, signal.Subject, reading.Detail);
                }

                var key = $"{signal.Name}/{signal.Subject}";
                if (reading.State is SignalState.Unavailable && unavailable.GetValueOrDefault(key) != reading.Detail)
                {
                    unavailable[key] = reading.Detail;
                    report($"{signal.Subject}: {signal.Name} unavailable: {reading.Detail} (never a reason to roll back by itself)");
                }
            }

            if (await NextEventFailureAsync(window, events, onOtherEvent, ct).ConfigureAwait(false) is { } detection)
            {
                return detection;
            }
        }
        while (clock.GetUtcNow() < window.Until);

        return null;
    }

    /// <summary>Waits out one interval (or the window's end), judging every event that arrives meanwhile.</summary>
    private async Task<Detection?> NextEventFailureAsync(
        WatchWindow window, ChannelReader<EngineEvent> events, Func<EngineEvent, CancellationToken, Task> onOtherEvent, CancellationToken ct)
    {
        // What has arrived is judged first, even at the window's end: a resumed guard judges replayed events.
        while (events.TryRead(out var pending))
        {
            if (await JudgeAsync(window, pending, onOtherEvent, ct).ConfigureAwait(false) is { } detection)
            {
                return detection;
            }
        }

        var left = window.Until - clock.GetUtcNow();
        using var interval = CancellationTokenSource.CreateLinkedTokenSource(ct);
        interval.CancelAfter(left < env.Guard.Interval ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : env.Guard.Interval);
        try
        {
            while (await events.WaitToReadAsync(interval.Token).ConfigureAwait(false))
            {
                while (events.TryRead(out var engineEvent))
                {
                    if (await JudgeAsync(window, engineEvent, onOtherEvent, ct).ConfigureAwait(false) is { } detection)
                    {
                        return detection;
                    }
                }
            }

            // The stream ended (the engine went away): wait out the interval; the polled signals still run.
            await Task.Delay(Timeout.InfiniteTimeSpan, interval.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The interval is over: time to read the polled signals again.
        }

        return null;
    }

    private async Task<Detection?> JudgeAsync(WatchWindow window, EngineEvent engineEvent, Func<EngineEvent, CancellationToken, Task> onOtherEvent, CancellationToken ct)
    {
        if (judge.Judge(engineEvent, window.Containers) is { } detection)
        {
            return detection;
        }

        await onOtherEvent(engineEvent, ct).ConfigureAwait(false);
        return null;
    }
}
