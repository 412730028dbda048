using System.Runtime.CompilerServices;
using Backtrack.Engine;
using Backtrack.Verify;

namespace Backtrack.Tests.Verify;

public sealed class RestartWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Given_a_crash_a_stop_and_an_earlier_death_when_watched_then_only_the_crash_counts()
    {
        var events = new ScriptedEvents(
            Event(-2, "die", "old"),
            Event(1, "start", "new"),
            Event(2, "die", "new"),
            Event(3, "start", "new"),
            Event(4, "kill", "stopped"),
            Event(5, "die", "stopped"),
            Event(6, "exec_die", "new"));

        await using var watch = new RestartWatch(events, Backtrack.Compose.ComposeLabels.Project, "shop", new FixedClock(Start));
        await events.Drained.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0, 1, 0), (watch.Deaths("old"), watch.Deaths("new"), watch.Deaths("stopped")));
        Assert.Equal("com.docker.compose.project=shop", events.Labels);
        Assert.Null(watch.Lost);
    }

    private static EngineEvent Event(int seconds, string action, string container) =>
        new(Start.AddSeconds(seconds), action, container, new Dictionary<string, string>());

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Replays its events, then waits like a live stream until cancelled.</summary>
    private sealed class ScriptedEvents(params EngineEvent[] events) : IEngineEvents
    {
        public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Labels { get; private set; } = "";

        public async IAsyncEnumerable<EngineEvent> ContainerEventsAsync(
            IReadOnlyDictionary<string, string?> labels, DateTimeOffset? since, [EnumeratorCancellation] CancellationToken ct)
        {
            Labels = string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));
            foreach (var e in events)
            {
                yield return e;
            }

            Drained.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
