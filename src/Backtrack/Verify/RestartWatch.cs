using System.Collections.Concurrent;
using Backtrack.Engine;

namespace Backtrack.Verify;

/// <summary>
/// Watches a project's containers through the engine's event stream from the moment it starts, so the
/// checklist's restart window runs beside an operation's swaps and gates instead of after them. It counts
/// the deaths nobody asked for: a "die" not right after a "kill" (a stop, a restart or a kill by hand or by
/// Backtrack sends one first); a crash restarted by the container's policy dies without one.
/// </summary>
public sealed class RestartWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, int> deaths = new();
    private readonly ConcurrentDictionary<string, string> lastAction = new();
    private readonly Task watching;
    private string? lost;

    /// <summary>Starts watching the project's containers (LABEL=PROJECT: Compose's project or swarm's stack label) now.</summary>
    public RestartWatch(IEngineEvents engine, string label, string project, TimeProvider clock)
    {
        Since = clock.GetUtcNow();
        watching = WatchAsync(engine, label, project, stop.Token);
    }

    /// <summary>When watching began: deaths from then on count.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>Why the event stream ended early, or null while it runs.</summary>
    public string? Lost => lost;

    /// <summary>The unrequested deaths of a container seen so far.</summary>
    public int Deaths(string containerId) => deaths.GetValueOrDefault(containerId);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task WatchAsync(IEngineEvents engine, string label, string project, CancellationToken ct)
    {
        try
        {
            // Since the start's second: the engine replays what happened before the stream was open.
            var labels = new Dictionary<string, string?> { [label] = project };
            await foreach (var e in engine.ContainerEventsAsync(labels, Since, ct).ConfigureAwait(false))
            {
                if (e.Time < Since || e.Action.StartsWith("exec_", StringComparison.Ordinal))
                {
                    continue;
                }

                if (e.Action == "die" && lastAction.GetValueOrDefault(e.ContainerId) != "kill")
                {
                    deaths.AddOrUpdate(e.ContainerId, 1, (_, n) => n + 1);
                }

                lastAction[e.ContainerId] = e.Action;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never the operation's failure: the restart check reports it.
            lost = e.Message;
        }
    }
}
