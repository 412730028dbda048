using System.Threading.Channels;
using Backtrack.Compose;
using Backtrack.Engine;

namespace Backtrack.Guard;

/// <summary>
/// The project's container events, followed in the background into a channel, from a given time on (the
/// engine replays what happened since, so a restarted guard misses nothing). A dropped stream is reported and
/// followed again from the last event, once a second, until cancelled.
/// </summary>
public static class EngineEventFeed
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    public static ChannelReader<EngineEvent> Follow(IEngineEvents engine, string project, DateTimeOffset since, Action<string> report, CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleWriter = true });
        _ = Task.Run(() => PumpAsync(engine, project, since, channel.Writer, report, ct), CancellationToken.None);
        return channel.Reader;
    }

    private static async Task PumpAsync(
        IEngineEvents engine, string project, DateTimeOffset since, ChannelWriter<EngineEvent> writer, Action<string> report, CancellationToken ct)
    {
        var labels = new Dictionary<string, string?> { [ComposeLabels.Project] = project };
        var from = since;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var engineEvent in engine.ContainerEventsAsync(labels, from, ct).ConfigureAwait(false))
                {
                    from = engineEvent.Time;
                    writer.TryWrite(engineEvent);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is EngineUnreachableException or EngineOperationException)
            {
                report($"the engine's event stream dropped ({e.Message}); following it again");
            }

            try
            {
                await Task.Delay(Reconnect, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        writer.TryComplete();
    }
}
