using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'rollback db' (Postgres and Redis, two writers) killed at every step, then repaired.</summary>
public sealed class KillMatrixRollbackDbTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();
    private string snapshot = "";

    /// <summary>A database snapshot of 100 rows and five keys, then newer rows, a new table and changed keys (the "before").</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.CreateItemsAsync();
        foreach (var key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            await stack.RedisAsync("SET", key, "v1-" + key);
        }

        snapshot = await stack.CreateSnapshotAsync();
        await ChangeAsync();
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_rollback_db_killed_at_any_step_when_repaired_then_the_databases_are_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "rollback-db",
            ["rollback", "db", "--from", snapshot, "--no-verify"],
            State: () => DatabaseStackState.DescribeAsync(stack, keptAside: true),
            Reset: async () =>
            {
                var cleanup = await stack.BacktrackAsync("snapshot", "cleanup", "--yes");
                Assert.True(cleanup.ExitCode == 0, cleanup.ToString());
                await ChangeAsync();
            }));

        Assert.Contains(rows, r => r.Kind == "postgres.swap");
        Assert.Contains(rows, r => r.Kind == "redis.put-files");
    }

    /// <summary>From the snapshot's data to the "before": 50 more rows, a new table, keys changed, removed and added.</summary>
    private async Task ChangeAsync()
    {
        await stack.ExecuteAsync("INSERT INTO items (name) SELECT 'late ' || g FROM generate_series(1, 50) g; CREATE TABLE new_release (id int PRIMARY KEY); INSERT INTO new_release VALUES (1), (2);");
        await stack.RedisAsync("SET", "k1", "v2");
        await stack.RedisAsync("DEL", "k2");
        await stack.RedisAsync("SET", "k6", "v2");
    }
}
