using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>rollback db of Redis (and Postgres beside it) on a real swarm stack deployed by 'docker stack deploy'.</summary>
public sealed class SwarmRedisTests : IAsyncLifetime
{
    private readonly SwarmDatabaseStack stack = new(withRedis: true);

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await SwarmNode.UntilAsync(async () => (await stack.RedisAsync("PING")) == "PONG", TimeSpan.FromSeconds(30), "redis answers");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_snapshot_when_keys_and_rows_change_and_the_databases_are_rolled_back_then_redis_is_scaled_to_0_its_volume_filled_and_both_hold_the_snapshots_data()
    {
        // Given a snapshot of the databases with two Redis keys.
        await stack.RedisAsync("SET", "k1", "v1");
        await stack.RedisAsync("SET", "k2", "v1");
        var created = await stack.BacktrackWithPasswordAsync("snapshot", "create", "--only", "databases", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = SwarmStack.ParseJson(created).GetProperty("id").GetString()!;

        // When keys and rows change and the databases are rolled back.
        await stack.RedisAsync("SET", "k1", "v2");
        await stack.RedisAsync("DEL", "k2");
        await stack.RedisAsync("SET", "k3", "v2");
        await stack.PsqlAsync("shop", "DELETE FROM items WHERE id > 90");
        var rollback = await stack.BacktrackWithPasswordAsync("rollback", "db", "--from", id, "--yes", "--no-verify");

        // Then Redis was scaled to 0, its volume filled, scaled back and its keys are the snapshot's; so are the rows.
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"scale service {stack.Stack}_cache from 1 to 0 replicas", rollback.Stdout);
        Assert.Contains($"put the Redis files of snapshot {id} into volume {stack.Stack}_redisdata", rollback.Stdout);
        Assert.Contains($"scale service {stack.Stack}_app from 0 to 1 replicas", rollback.Stdout);
        Assert.Equal("v1", await stack.RedisAsync("GET", "k1"));
        Assert.Equal("v1", await stack.RedisAsync("GET", "k2"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "k3"));
        Assert.Equal("100", await stack.PsqlAsync("shop", "SELECT count(*) FROM items"));
        Assert.Equal("1/1", await stack.ReplicasAsync("cache"));
    }
}
