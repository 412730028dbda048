using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

public sealed class GuardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly GuardStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.RecordAsync("v1");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Guard_rolls_back_a_plain_compose_deploy_of_two_services_and_survives_sigterm_and_restart_mid_window()
    {
        await using (var first = stack.StartBacktrack("guard", "--window", "8s"))
        {
            await first.WaitForLineAsync("started:", Patience);
            await stack.ComposeUpAsync(GuardStack.Variables("v3", "v3", GuardStack.CrashLater));
            await first.WaitForLineAsync("window-opened:", Patience);

            await first.TerminateAsync();

            await first.WaitForLineAsync("stopped with window", Patience);
            await first.WaitForExitAsync();
            Assert.Equal(0, first.ExitCode);
        }

        await using var second = stack.StartBacktrack("guard", "--window", "8s");
        await second.WaitForLineAsync("resuming window", Patience);
        var detected = await second.WaitForLineAsync("failure-detected:", Patience);
        Assert.Contains("web: exited with code 3", detected);
        await second.WaitForLineAsync("rolled-back:", Patience);
        Assert.Equal("backtrack-demo/web:v1", await stack.ImageOfAsync("web"));
        Assert.Equal("backtrack-demo/api:v1", await stack.ImageOfAsync("api"));

        await second.TerminateAsync();
        await second.WaitForExitAsync();
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("\"decision\":\"rolled-back\"", await File.ReadAllTextAsync(Path.Combine(stack.Directory, "state", "guard.jsonl")));
    }
}
