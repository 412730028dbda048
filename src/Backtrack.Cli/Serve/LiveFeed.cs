using Backtrack.Cli.Views;
using Microsoft.AspNetCore.Http;

namespace Backtrack.Cli.Serve;

/// <summary>
/// Server-sent events of one environment for one page: the status ("status") and the operations
/// timeline ("operations"), each sent when it changed. It looks again at once when the engine reports a
/// container event of the project, and otherwise every poll interval, so a failing check shows within
/// an interval plus the check's timeout.
/// </summary>
public static class LiveFeed
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task StreamAsync(HttpContext http, ServedEnvironment environment, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var changed = new SemaphoreSlim(0, 1);
        var watcher = WatchEngineAsync(environment, changed, watching.Token);
        var sent = new Dictionary<string, string>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await SendIfChangedAsync(http, sent, "status", await environment.StatusAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                await SendIfChangedAsync(http, sent, "operations", await environment.HistoryAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                await changed.WaitAsync(PollInterval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away or the server stops.
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await watcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task SendIfChangedAsync<T>(HttpContext http, Dictionary<string, string> sent, string name, T value, CancellationToken ct)
    {
        var data = Json.Serialize(value, indented: false);
        if (sent.GetValueOrDefault(name) == data)
        {
            return;
        }

        sent[name] = data;
        await http.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", ct).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Wakes the feed on every container event of the project (a stack's task containers); polling alone still works when the stream breaks.</summary>
    private static async Task WatchEngineAsync(ServedEnvironment environment, SemaphoreSlim changed, CancellationToken ct)
    {
        var labels = new Dictionary<string, string?> { [environment.ProjectLabel] = environment.Config.Project };
        await foreach (var _ in environment.Events.ContainerEventsAsync(labels, DateTimeOffset.UtcNow, ct).ConfigureAwait(false))
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another event woke it already.
                }
            }
        }
    }
}
