using System.Globalization;
using Backtrack.Engine;

namespace Backtrack.Snapshots.Redis;

/// <summary>Redis through redis-cli inside its container (engine exec, no TTY).</summary>
public sealed class RedisClient(IExecAndArchives engine, string container)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    public string Container => container;

    /// <summary>One command's reply (raw, trimmed); throws on an error reply.</summary>
    public async Task<string> CommandAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await engine.ExecAsync(container, ["redis-cli", .. args], CommandTimeout, ct).ConfigureAwait(false);
        var reply = result.Stdout.Trim();
        if (result.ExitCode != 0 || reply.StartsWith("ERR", StringComparison.Ordinal) || reply.StartsWith("LOADING", StringComparison.Ordinal)
            || reply.StartsWith("MISCONF", StringComparison.Ordinal))
        {
            throw new BacktrackException($"redis-cli {args[0]} in {container[..Math.Min(12, container.Length)]}: {FirstLine(reply + " " + result.Stderr.Trim())}");
        }

        return reply;
    }

    public async Task<string> ConfigAsync(string name, CancellationToken ct) =>
        (await CommandAsync(["CONFIG", "GET", name], ct).ConfigureAwait(false)).Split('\n') is [_, var value, ..] ? value.Trim() : "";

    public async Task<IReadOnlyDictionary<string, string>> InfoAsync(string section, CancellationToken ct) =>
        (await CommandAsync(["INFO", section], ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1]);

    /// <summary>Keys in every logical database (INFO keyspace: "db0:keys=3,expires=0,...").</summary>
    public async Task<long> KeyCountAsync(CancellationToken ct) =>
        (await InfoAsync("keyspace", ct).ConfigureAwait(false)).Values
            .Sum(v => long.Parse(v.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));

    /// <summary>
    /// BGSAVE and wait until it has finished well: LASTSAVE (or the save counter) moved on, no save in
    /// progress, last status ok. A save already running is waited for, then ours starts.
    /// </summary>
    public async Task SaveAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var lastSave = await CommandAsync(["LASTSAVE"], deadline.Token).ConfigureAwait(false);
            var saves = (await InfoAsync("persistence", deadline.Token).ConfigureAwait(false)).GetValueOrDefault("rdb_saves", "0");
            while (true)
            {
                var reply = await engine.ExecAsync(container, ["redis-cli", "BGSAVE"], CommandTimeout, deadline.Token).ConfigureAwait(false);
                if (reply.Stdout.Contains("already in progress", StringComparison.OrdinalIgnoreCase))
                {
                    await WaitAsync(info => info.GetValueOrDefault("rdb_bgsave_in_progress") == "0", deadline.Token).ConfigureAwait(false);
                    lastSave = await CommandAsync(["LASTSAVE"], deadline.Token).ConfigureAwait(false);
                    saves = (await InfoAsync("persistence", deadline.Token).ConfigureAwait(false)).GetValueOrDefault("rdb_saves", "0");
                    continue;
                }

                if (!reply.Stdout.Contains("Background saving started", StringComparison.OrdinalIgnoreCase)
                    && !reply.Stdout.Contains("scheduled", StringComparison.OrdinalIgnoreCase))
                {
                    throw new BacktrackException($"redis BGSAVE was refused: {FirstLine(reply.Stdout + reply.Stderr)}");
                }

                break;
            }

            var done = await WaitAsync(
                info => info.GetValueOrDefault("rdb_bgsave_in_progress") == "0"
                    && (info.GetValueOrDefault("rdb_saves", "0") != saves || info.GetValueOrDefault("rdb_last_save_time") != lastSave),
                deadline.Token).ConfigureAwait(false);
            if (done.GetValueOrDefault("rdb_last_bgsave_status") != "ok")
            {
                throw new BacktrackException($"redis BGSAVE failed (rdb_last_bgsave_status:{done.GetValueOrDefault("rdb_last_bgsave_status")}); see the redis log");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BacktrackException($"redis BGSAVE did not finish within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Waits until the server answers and has finished loading its data.</summary>
    public async Task WaitLoadedAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        string last = "no answer";
        try
        {
            while (true)
            {
                try
                {
                    var info = await InfoAsync("persistence", deadline.Token).ConfigureAwait(false);
                    if (info.GetValueOrDefault("loading") == "0" && info.GetValueOrDefault("async_loading", "0") == "0")
                    {
                        return;
                    }

                    last = "still loading";
                }
                catch (BacktrackException e)
                {
                    last = e.Message;
                }

                await Task.Delay(PollEvery, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BacktrackException($"redis in {container[..Math.Min(12, container.Length)]} did not finish loading within {timeout.TotalSeconds:0} s: {last}");
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> WaitAsync(Func<IReadOnlyDictionary<string, string>, bool> condition, CancellationToken ct)
    {
        while (true)
        {
            var info = await InfoAsync("persistence", ct).ConfigureAwait(false);
            if (condition(info))
            {
                return info;
            }

            await Task.Delay(PollEvery, ct).ConfigureAwait(false);
        }
    }

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();
}
