using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>Snapshots, rollback db and verify on a real swarm stack with Postgres, deployed by 'docker stack deploy'.</summary>
public sealed class SwarmDataTests : IAsyncLifetime
{
    private readonly SwarmDatabaseStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Snapshot_then_rollback_db_scales_the_writer_to_zero_and_back_restores_the_rows_and_verify_prints_its_checklist()
    {
        // Given a snapshot of the stack's database and volumes.
        var created = await stack.BacktrackWithPasswordAsync("snapshot", "create", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var manifest = SwarmStack.ParseJson(created);
        var id = manifest.GetProperty("id").GetString()!;
        Assert.Equal(["shop"], manifest.GetProperty("postgres").GetProperty("databases").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(
            [$"{stack.Stack}_files", $"{stack.Stack}_pgdata"],
            manifest.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("name").GetString()).Order(StringComparer.Ordinal));

        // When rows change and the database is rolled back.
        await stack.PsqlAsync("shop", "INSERT INTO items (name) SELECT 'late ' || g FROM generate_series(1, 50) g");
        Assert.Equal("150", await stack.PsqlAsync("shop", "SELECT count(*) FROM items"));
        var rollback = await stack.BacktrackWithPasswordAsync("rollback", "db", "--from", id, "--yes", "--no-verify");

        // Then the writer was scaled to 0 and back, and the rows are the snapshot's.
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"scale service {stack.Stack}_app from 1 to 0 replicas", rollback.Stdout);
        Assert.Contains($"scale service {stack.Stack}_app from 0 to 1 replicas", rollback.Stdout);
        Assert.Equal("100", await stack.PsqlAsync("shop", "SELECT count(*) FROM items"));
        Assert.Equal("1/1", await stack.ReplicasAsync("app"));

        // And verify runs its checklist on the swarm: tasks running, logs, task restarts, Postgres answering.
        var verify = await stack.BacktrackWithPasswordAsync("verify", "--window", "1m", "-o", "json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var checks = SwarmStack.ParseJson(verify).GetProperty("checks").EnumerateArray()
            .Select(c => $"{c.GetProperty("check").GetString()} {c.GetProperty("subject").GetString()}").ToList();
        Assert.Contains("running db", checks);
        Assert.Contains("running app", checks);
        Assert.Contains("logs db", checks);
        Assert.Contains("restarts app", checks);
        Assert.Contains("postgres db", checks);
    }
}
