using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class DeployFailingHealthTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_deploy_failing_its_health_check_is_rolled_back_and_never_chosen_as_a_target_later()
    {
        await GuardedDeploy.RolledBackAsync(stack, GuardStack.ServeNoHealth, "health check failed 3 times in a row");

        var plan = await stack.BacktrackAsync("rollback", "all", "--dry-run");

        Assert.DoesNotContain("v3", plan.Stdout);
    }
}
