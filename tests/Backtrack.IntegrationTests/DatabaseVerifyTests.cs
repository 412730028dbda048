using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>verify's database checks against real Postgres and Redis containers.</summary>
public sealed class DatabaseVerifyTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Postgres_and_Redis_answer_and_a_stopped_Redis_fails_its_checks()
    {
        var healthy = await stack.BacktrackAsync("verify", "-o", "json");

        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        var checks = TestStack.ParseJson(healthy).GetProperty("checks").EnumerateArray().ToList();
        var databases = checks.Where(c => c.GetProperty("check").GetString() is "postgres" or "redis").ToList();
        Assert.Equal(3, databases.Count);
        Assert.All(databases, c => Assert.True(c.GetProperty("passed").GetBoolean(), c.GetProperty("detail").GetString()));
        Assert.DoesNotContain(stack.Password, healthy.Stdout + healthy.Stderr);

        await DatabaseStack.DockerExecAsync(await stack.ContainerIdAsync("cache"), "redis-cli", "shutdown", "nosave");
        var broken = await stack.BacktrackAsync("verify", "-o", "json");

        Assert.Equal(1, broken.ExitCode);
        var redis = TestStack.ParseJson(broken).GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("check").GetString() == "redis").ToList();
        Assert.NotEmpty(redis);
        Assert.All(redis, c => Assert.False(c.GetProperty("passed").GetBoolean()));
    }
}
