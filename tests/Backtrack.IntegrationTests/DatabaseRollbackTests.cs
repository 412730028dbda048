using System.Collections.Concurrent;
using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>Database snapshots and 'rollback db' against real Postgres 15 and Redis 7 in containers.</summary>
public sealed class DatabaseRollbackTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ExecuteAsync("""
            CREATE ROLE app_reader;
            CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);
            INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 100) g;
            GRANT SELECT ON items TO app_reader;
            """);
        foreach (var key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            Assert.Equal("OK", await stack.RedisAsync("SET", key, "v1-" + key));
        }
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Rollback_db_restores_exactly_the_snapshot_and_its_safety_snapshot_brings_the_newer_data_back()
    {
        var snapshot = await stack.CreateSnapshotAsync();
        var verify = await stack.BacktrackAsync("snapshot", "verify", snapshot, "--deep");
        Assert.True(verify.ExitCode == 0, verify.ToString());

        // After the snapshot: more rows, a table of the new release, changed keys.
        await stack.ExecuteAsync("""
            INSERT INTO items (name) SELECT 'late ' || g FROM generate_series(1, 50) g;
            CREATE TABLE new_release (id int PRIMARY KEY);
            INSERT INTO new_release VALUES (1), (2);
            """);
        await stack.RedisAsync("SET", "k1", "v2");
        await stack.RedisAsync("DEL", "k2");
        await stack.RedisAsync("SET", "k6", "v2");

        var before = new Dictionary<string, DateTime>();
        foreach (var writer in DatabaseStack.Writers)
        {
            before[writer] = DateTime.Parse((await stack.InspectAsync(writer)).State.StartedAt, System.Globalization.CultureInfo.InvariantCulture);
        }

        var (result, seenStopped) = await WatchWritersAsync(() => stack.BacktrackAsync("rollback", "db", "--from", snapshot, "--yes"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(stack.Password, result.Stdout + result.Stderr);
        Assert.Equal(100L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.False(await stack.ScalarAsync<bool>("SELECT to_regclass('public.new_release') IS NOT NULL"));
        Assert.True(await stack.ScalarAsync<bool>("SELECT has_table_privilege('app_reader', 'items', 'SELECT')"));
        Assert.Equal("v1-k1", await stack.RedisAsync("GET", "k1"));
        Assert.Equal("v1-k2", await stack.RedisAsync("GET", "k2"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "k6"));
        Assert.Equal("5", await stack.RedisAsync("DBSIZE"));
        foreach (var writer in DatabaseStack.Writers)
        {
            Assert.Contains(writer, seenStopped);
            var now = await stack.InspectAsync(writer);
            Assert.True(now.State.Running, $"{writer} runs after the restore");
            Assert.True(DateTime.Parse(now.State.StartedAt, System.Globalization.CultureInfo.InvariantCulture) > before[writer], $"{writer} was restarted");
        }

        // app has "always", held off while it was stopped (a daemon restart would have started it) and given back.
        Assert.Contains("set the restart policy of", result.Stdout + result.Stderr);
        Assert.Equal(Docker.DotNet.Models.RestartPolicyKind.Always, (await stack.InspectAsync("app")).HostConfig.RestartPolicy.Name);

        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE 'shop\\_\\_bt\\_old\\_%'", "postgres"));

        // The other direction: the safety snapshot holds what ran before the rollback.
        var list = await stack.BacktrackAsync("snapshot", "list", "-o", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var safety = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "safety")
            .GetProperty("id").GetString()!;
        var back = await stack.BacktrackAsync("rollback", "db", "--from", safety, "--yes");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(150L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal(2L, await stack.ScalarAsync<long>("SELECT count(*) FROM new_release"));
        Assert.Equal("v2", await stack.RedisAsync("GET", "k1"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "k2"));
        Assert.Equal("v2", await stack.RedisAsync("GET", "k6"));

        var cleanup = await stack.BacktrackAsync("snapshot", "cleanup", "--yes");
        Assert.True(cleanup.ExitCode == 0, cleanup.ToString());
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE '%\\_\\_bt\\_%'", "postgres"));
        Assert.Equal(150L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_restore_that_fails_midway_leaves_the_live_database_as_it_was()
    {
        // Enough data that pg_restore runs for a moment, so it can be killed midway (its session terminated).
        await stack.ExecuteAsync("""
            CREATE TABLE big (id bigint PRIMARY KEY, payload text);
            INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 400000) g;
            """);
        var snapshot = await stack.CreateSnapshotAsync();
        await stack.ExecuteAsync("INSERT INTO items (name) VALUES ('after snapshot')");
        await stack.RedisAsync("SET", "k9", "after");

        await using var process = stack.StartBacktrack("rollback", "db", "--from", snapshot, "--yes");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await using (var watcher = await stack.OpenAsync("postgres"))
        {
            await using var kill = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'shop__bt_new' AND query ILIKE 'COPY%'", watcher);
            while (!killed && !process.HasExited && DateTime.UtcNow < deadline)
            {
                killed = (long)(await kill.ExecuteScalarAsync())! > 0;
                await Task.Delay(killed ? 0 : 5);
            }
        }

        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.True(killed, "pg_restore was not seen running: " + output);
        Assert.True(process.ExitCode == 1, output);
        Assert.Contains("pg_restore", output);
        Assert.Equal(101L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal(1L, await stack.ScalarAsync<long>("SELECT count(*) FROM items WHERE name = 'after snapshot'"));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname LIKE '%\\_\\_bt\\_%'", "postgres"));
        Assert.Equal("after", await stack.RedisAsync("GET", "k9"));
        foreach (var writer in DatabaseStack.Writers)
        {
            Assert.True((await stack.InspectAsync(writer)).State.Running, $"{writer} runs again");
        }
    }

    /// <summary>Runs the command while polling the writers' container state every 20 ms; which writers were seen stopped.</summary>
    private async Task<(ProcessResult, IReadOnlyCollection<string>)> WatchWritersAsync(Func<Task<ProcessResult>> run)
    {
        var ids = new Dictionary<string, string>();
        foreach (var writer in DatabaseStack.Writers)
        {
            ids[writer] = await stack.ContainerIdAsync(writer);
        }

        var seen = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (writer, id) in ids)
                {
                    var state = (await stack.Docker.Containers.InspectContainerAsync(id)).State;
                    if (!state.Running)
                    {
                        seen[writer] = true;
                    }
                }

                await Task.Delay(20);
            }
        });
        var result = await run();
        await stop.CancelAsync();
        await watcher;
        return (result, seen.Keys.ToList());
    }
}
