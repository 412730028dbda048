using System.Globalization;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The snapshot directory on a tmpfs that is too small or full: a snapshot fails cleanly, and a database or
/// full rollback refuses before any writer stops, since its safety snapshot cannot be written.
/// </summary>
public sealed class DiskFullTests : IAsyncLifetime
{
    private const string SnapshotFolder = "snaps";
    private static readonly string[] Services = ["db", "cache", "app", "jobs"];
    private readonly DatabaseStack stack = new();
    private Tmpfs? snapshots;

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ConfigureAsync($"snapshots:\n  directory: {SnapshotFolder}\n");
        await stack.CreateItemsAsync();
        await stack.RedisAsync("SET", "k1", "v1");
        await stack.ShellAsync("jobs", "dd if=/dev/urandom of=/uploads/big.bin bs=1024 count=512 2>/dev/null");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (snapshots is not null)
            {
                await snapshots.DisposeAsync();
            }
        }
        finally
        {
            await stack.DisposeAsync();
        }
    }

    [Fact]
    public async Task Given_a_snapshot_directory_too_small_when_creating_a_snapshot_then_it_fails_in_one_line_and_leaves_nothing()
    {
        snapshots = await Tmpfs.MountAsync(Path.Combine(stack.Directory, SnapshotFolder), 256);
        var before = await ContainersAsync();

        var result = await stack.BacktrackAsync("snapshot", "create");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, result.ToString());
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, TestStack.ParseJson(await stack.BacktrackAsync("snapshot", "list", "-o", "json")).GetArrayLength());
        Assert.Empty(Directory.EnumerateFileSystemEntries(snapshots.Directory));
        Assert.Equal(before, await ContainersAsync());
    }

    [Fact]
    public async Task Given_a_full_snapshot_directory_when_rolling_back_db_or_full_then_no_writer_stops_and_nothing_changes()
    {
        snapshots = await Tmpfs.MountAsync(Path.Combine(stack.Directory, SnapshotFolder), 128 * 1024);
        var created = await stack.BacktrackAsync("snapshot", "create", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var snapshot = TestStack.ParseJson(created).GetProperty("id").GetString()!;
        await stack.ExecuteAsync("INSERT INTO items (name) SELECT 'late ' || g FROM generate_series(1, 50) g");
        await stack.RedisAsync("SET", "k1", "v2");
        await snapshots.FillAsync();
        var before = await ContainersAsync();

        foreach (var rollback in new[] { new[] { "rollback", "db", "--from", snapshot, "--yes" }, ["rollback", "full", "--to", snapshot, "--yes"] })
        {
            var result = await stack.BacktrackAsync(rollback);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("nothing was changed", result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, await ContainersAsync());
            Assert.Equal(150L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
            Assert.Equal("v2", await stack.RedisAsync("GET", "k1"));
        }

        var list = TestStack.ParseJson(await stack.BacktrackAsync("snapshot", "list", "-o", "json"));
        Assert.Equal([snapshot], list.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    /// <summary>Each service's container ID, start time and state, one line each: equal when nothing was stopped, started or replaced.</summary>
    private async Task<string> ContainersAsync()
    {
        var lines = new List<string>();
        foreach (var service in Services)
        {
            var container = await stack.InspectAsync(service);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{service} {container.ID} {container.State.StartedAt} running={container.State.Running}"));
        }

        return string.Join('\n', lines);
    }
}
