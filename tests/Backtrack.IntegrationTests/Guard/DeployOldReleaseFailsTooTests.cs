using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class DeployOldReleaseFailsTooTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task When_the_old_release_fails_too_the_exit_code_says_so_and_nothing_flaps()
    {
        // Every version serves the same host folder: without /health, the old release fails its gate as well.
        File.Delete(stack.HealthFile);

        var result = await stack.DeployAsync(GuardStack.Variables("v3", "v3"), null);

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("failed too", result.Stdout);
        Assert.Equal("backtrack-demo/web:v3", await stack.ImageOfAsync("web"));
        var history = TestStack.ParseJson(await stack.BacktrackAsync("history", "-o", "json"));
        Assert.Single(history.EnumerateArray(), o => o.GetProperty("kind").GetString() == "rollback");
    }
}
