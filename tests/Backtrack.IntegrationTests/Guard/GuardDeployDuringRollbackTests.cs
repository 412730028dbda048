using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>A deploy that lands while guard rolls back is watched in a window of its own once the rollback ended.</summary>
public sealed class GuardDeployDuringRollbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly GuardStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        // Room for the api deploy the test makes while the restored web waits for its /health.
        await stack.ReplaceInConfigAsync("healthTimeout: 10s", "healthTimeout: 60s");
        await stack.RecordAsync("v1");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_good_deploy_landing_while_guard_rolls_back_gets_its_own_window_and_is_recorded_good()
    {
        using var webhook = new WebhookListener();
        var rollbackStarted = webhook.ReceiveAsync(1, Patience);
        await using var guard = stack.StartBacktrack(new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = webhook.Url }, "guard", "--window", "4s");
        await guard.WaitForLineAsync("started:", Patience);
        await stack.ComposeUpAsync(GuardStack.Variables("v3", "v1"));
        await guard.WaitForLineAsync("window-opened:", Patience);

        // web's check fails: guard rolls web back, and the restored web's health gate waits until /health is back.
        File.Delete(stack.HealthFile);
        await guard.WaitForLineAsync("failure-detected:", Patience);
        await rollbackStarted;
        await stack.ComposeUpOnlyAsync(GuardStack.Variables("v3", "v3"), "api");
        await File.WriteAllTextAsync(stack.HealthFile, "ok\n");

        await guard.WaitForLineAsync("rolled-back:", Patience);
        var opened = await guard.WaitForLineAsync("window-opened:", Patience);
        Assert.Contains("api runs a new container", opened);
        Assert.Contains("deployed while the rollback ran", opened);
        Assert.DoesNotContain("web runs", opened);
        var passed = await guard.WaitForLineAsync("window-passed:", Patience);
        Assert.Contains("recorded release", passed);
        Assert.Equal("backtrack-demo/web:v1", await stack.ImageOfAsync("web"));
        Assert.Equal("backtrack-demo/api:v3", await stack.ImageOfAsync("api"));
    }
}
