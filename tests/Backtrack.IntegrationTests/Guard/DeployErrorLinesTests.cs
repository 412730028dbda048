using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class DeployErrorLinesTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ReplaceInConfigAsync("healthFailures: 3", "healthFailures: 3\n      errorLinesPerMinute: 5");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public Task A_deploy_that_fails_is_rolled_back_every_service_and_reported() =>
        GuardedDeploy.RolledBackAsync(stack, GuardStack.Errors, "error lines in the last minute");
}
