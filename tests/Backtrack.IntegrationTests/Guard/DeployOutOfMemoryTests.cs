using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class DeployOutOfMemoryTests : IAsyncLifetime
{
    private readonly GuardStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public Task A_deploy_that_fails_is_rolled_back_every_service_and_reported() =>
        GuardedDeploy.RolledBackAsync(stack, GuardStack.OutOfMemory, "OOM killed");
}
