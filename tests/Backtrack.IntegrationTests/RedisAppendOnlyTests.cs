using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>A Redis with AOF on: with appendonly, Redis ignores the RDB file, so the restore must replace the AOF too.</summary>
public sealed class RedisAppendOnlyTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new(redisAppendOnly: true);

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Keys_come_back_exactly_from_a_snapshot_of_an_append_only_Redis()
    {
        Assert.Equal("yes", (await stack.RedisAsync("CONFIG", "GET", "appendonly")).Split('\n')[^1].Trim());
        foreach (var key in new[] { "a1", "a2", "a3" })
        {
            await stack.RedisAsync("SET", key, "first-" + key);
        }

        var created = await stack.BacktrackAsync("snapshot", "create", "--only", "redis", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = TestStack.ParseJson(created).GetProperty("id").GetString()!;
        await stack.RedisAsync("SET", "a1", "second");
        await stack.RedisAsync("DEL", "a2");
        await stack.RedisAsync("SET", "a9", "later");

        var result = await stack.BacktrackAsync("rollback", "db", "--from", id, "--only", "redis", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("first-a1", await stack.RedisAsync("GET", "a1"));
        Assert.Equal("first-a2", await stack.RedisAsync("GET", "a2"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "a9"));
        Assert.Equal("3", await stack.RedisAsync("DBSIZE"));
        Assert.Equal("yes", (await stack.RedisAsync("CONFIG", "GET", "appendonly")).Split('\n')[^1].Trim());
    }
}
