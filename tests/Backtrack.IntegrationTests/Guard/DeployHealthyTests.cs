using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class DeployHealthyTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_deploy_healthy_for_its_window_is_recorded_as_a_good_release()
    {
        var result = await stack.DeployAsync(GuardStack.Variables("v3", "v3"), null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("recorded as a good release", result.Stdout);
        Assert.Equal("backtrack-demo/web:v3", await stack.ImageOfAsync("web"));
        var releases = TestStack.ParseJson(await stack.BacktrackAsync("releases", "-o", "json"));
        Assert.Contains("window-passed", releases.ToString());
    }
}
