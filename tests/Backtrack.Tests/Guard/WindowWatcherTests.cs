using System.Threading.Channels;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard;
using Backtrack.Guard.Signals;

namespace Backtrack.Tests.Guard;

public sealed class WindowWatcherTests
{
    private static readonly EnvironmentConfig Env = new("prod", null, "shop", "/tmp/state", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0, new Dictionary<string, ServiceConfig>())
    {
        Guard = GuardConfig.Default with { Interval = TimeSpan.FromMilliseconds(20) },
    };

    [Fact]
    public async Task Given_a_signal_that_cannot_be_read_when_the_window_runs_out_then_it_passed_and_the_outage_was_reported_once()
    {
        var reports = new List<string>();
        var watcher = new WindowWatcher(Env, new Source(new Fixed("prometheus", SignalReading.Unavailable("connection refused"))), new ContainerJudge(), TimeProvider.System);

        var detection = await watcher.RunAsync(Window(TimeSpan.FromMilliseconds(200)), Channel.CreateUnbounded<EngineEvent>(), (_, _) => Task.CompletedTask, reports.Add, CancellationToken.None);

        Assert.Null(detection);
        Assert.Equal(["prometheus: metric unavailable: connection refused (never a reason to roll back by itself)"], reports);
    }

    [Fact]
    public async Task Given_a_failing_signal_when_read_then_the_window_fails_with_its_detail()
    {
        var watcher = new WindowWatcher(Env, new Source(new Fixed("web", SignalReading.Ok("200")), new Fixed("prometheus", SignalReading.Failing("error ratio 0.2 > 0.05"))), new ContainerJudge(), TimeProvider.System);

        var detection = await watcher.RunAsync(Window(TimeSpan.FromSeconds(30)), Channel.CreateUnbounded<EngineEvent>(), (_, _) => Task.CompletedTask, _ => { }, CancellationToken.None);

        Assert.NotNull(detection);
        Assert.Equal("prometheus", detection.Subject);
        Assert.Equal("error ratio 0.2 > 0.05", detection.Detail);
    }

    [Fact]
    public async Task Given_an_oom_kill_of_a_new_container_when_it_arrives_then_the_window_fails_at_once()
    {
        var events = Channel.CreateUnbounded<EngineEvent>();
        var watcher = new WindowWatcher(Env, new Source(new Fixed("web", SignalReading.Ok("200"))), new ContainerJudge(), TimeProvider.System);
        events.Writer.TryWrite(new EngineEvent(DateTimeOffset.UtcNow, "oom", "new", new Dictionary<string, string> { ["com.docker.compose.service"] = "web" }));

        var detection = await watcher.RunAsync(Window(TimeSpan.FromSeconds(30)), events, (_, _) => Task.CompletedTask, _ => { }, CancellationToken.None);

        Assert.Equal("OOM killed (out of memory)", detection?.Detail);
    }

    private static WatchWindow Window(TimeSpan length) =>
        new("w1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + length, 1, new Dictionary<string, string> { ["new"] = "web" });

    private sealed class ContainerJudge : IEventJudge
    {
        public Detection? Judge(EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched) => ContainerEventJudge.Judge(engineEvent, watched);
    }

    private sealed class Source(params IPolledSignal[] signals) : ISignalSource
    {
        public Task<IReadOnlyList<IPolledSignal>> BuildAsync(EnvironmentConfig env, DateTimeOffset windowStart, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<IPolledSignal>>(signals);
    }

    private sealed class Fixed(string subject, SignalReading reading) : IPolledSignal
    {
        public string Name => "metric";

        public string Subject => subject;

        public Task<SignalReading> ReadAsync(CancellationToken ct) => Task.FromResult(reading);
    }
}
