using System.Text.Json;
using System.Text.Json.Nodes;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>What 'rollback db' refuses before it changes anything: damaged snapshots, wrong passwords, a stopped database, a newer dump.</summary>
public sealed class DatabaseRefusalTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ExecuteAsync("CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 1000);");
        await stack.RedisAsync("SET", "k1", "v1");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_snapshot_with_a_flipped_byte_or_truncated_is_refused_before_any_writer_stops()
    {
        var snapshot = await stack.CreateSnapshotAsync();
        await stack.ExecuteAsync("INSERT INTO items VALUES (5000)");
        var dump = Path.Combine(stack.SnapshotDirectory, snapshot, "postgres", "shop.dump");
        var original = await File.ReadAllBytesAsync(dump);
        var started = await WriterStartsAsync();

        var flipped = (byte[])original.Clone();
        flipped[flipped.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(dump, flipped);
        var result = await stack.BacktrackAsync("rollback", "db", "--from", snapshot, "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sha256", result.Stdout + result.Stderr);
        var verify = await stack.BacktrackAsync("snapshot", "verify", snapshot);
        Assert.Equal(1, verify.ExitCode);

        await File.WriteAllBytesAsync(dump, original[..(original.Length - 100)]);
        result = await stack.BacktrackAsync("rollback", "db", "--from", snapshot, "--yes");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("truncated", result.Stdout + result.Stderr);

        Assert.Equal(started, await WriterStartsAsync());
        Assert.Equal(1001L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task A_wrong_password_a_newer_dump_or_a_stopped_database_is_a_clear_error_and_changes_nothing()
    {
        var snapshot = await stack.CreateSnapshotAsync();
        await stack.ExecuteAsync("INSERT INTO items VALUES (5000)");
        var started = await WriterStartsAsync();

        var wrong = await stack.BacktrackWithPasswordAsync("not-the-password", "rollback", "db", "--from", snapshot, "--yes");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("password authentication failed", wrong.Stderr);
        Assert.DoesNotContain("not-the-password", wrong.Stdout + wrong.Stderr);

        var manifestPath = Path.Combine(stack.SnapshotDirectory, snapshot, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        manifest["postgres"]!["serverVersion"] = "17.2";
        manifest["postgres"]!["serverVersionNum"] = 170002;
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var newer = await stack.BacktrackAsync("rollback", "db", "--from", snapshot, "--yes");
        Assert.Equal(2, newer.ExitCode);
        Assert.Contains("newer than the server", newer.Stderr);

        Assert.Equal(started, await WriterStartsAsync());
        Assert.Equal(1001L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));

        await stack.Docker.Containers.StopContainerAsync(await stack.ContainerIdAsync("db"), new Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 5 });
        var down = await stack.BacktrackAsync("rollback", "db", "--from", snapshot, "--yes", "--only", "postgres");
        Assert.Equal(2, down.ExitCode);
        Assert.Contains("is not running", down.Stderr);
        Assert.Equal(started, await WriterStartsAsync());
    }

    private async Task<string> WriterStartsAsync()
    {
        var starts = new List<string>();
        foreach (var writer in DatabaseStack.Writers)
        {
            var state = (await stack.InspectAsync(writer)).State;
            Assert.True(state.Running);
            starts.Add(state.StartedAt);
        }

        return string.Join(",", starts);
    }
}
