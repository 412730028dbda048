using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>
/// Deploys that land while guard rolls back: a plain Compose one is watched in a window of its own once the
/// rollback ended; 'backtrack deploy' waits for the lock guard's rollback holds, then runs and watches its own.
/// </summary>
public sealed class GuardDeployDuringRollbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly GuardStack stack = new();
    private readonly WebhookListener webhook = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        // Room for the deploy the test makes while the restored web waits for its /health.
        await stack.ReplaceInConfigAsync("healthTimeout: 10s", "healthTimeout: 60s");
        await stack.RecordAsync("v1");
    }

    public async Task DisposeAsync()
    {
        webhook.Dispose();
        await stack.DisposeAsync();
    }

    [Fact]
    public async Task A_good_compose_deploy_landing_while_guard_rolls_back_gets_its_own_window_and_is_recorded_good()
    {
        await using var guard = await GuardRollingBackAsync();
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

    [Fact]
    public async Task A_backtrack_deploy_started_while_guard_rolls_back_waits_for_the_lock_then_deploys_and_watches()
    {
        await using var guard = await GuardRollingBackAsync();
        await using var deploy = stack.StartBacktrack(GuardStack.Variables("v3", "v3"),
            "deploy", "--window", "1s", "--lock-timeout", "60s", "--", "docker", "compose", "-p", stack.Project, "up", "-d", "--no-deps", "api");
        var waiting = await deploy.WaitForLineAsync("waiting up to 60 s for the lock", Patience);
        Assert.Contains("locked by 'guard'", waiting);
        await File.WriteAllTextAsync(stack.HealthFile, "ok\n");

        await deploy.WaitForLineAsync("recorded as a good release", Patience);
        await deploy.WaitForExitAsync();
        Assert.Equal(0, deploy.ExitCode);
        await guard.WaitForLineAsync("rolled-back:", Patience);
        Assert.Equal("backtrack-demo/web:v1", await stack.ImageOfAsync("web"));
        Assert.Equal("backtrack-demo/api:v3", await stack.ImageOfAsync("api"));
    }

    /// <summary>
    /// Guard watching a deploy of web v3 whose check then fails: guard rolls web back, and the restored web's
    /// health gate waits, holding the lock, until the test puts /health back. Returns once that rollback started.
    /// </summary>
    private async Task<BacktrackProcess> GuardRollingBackAsync()
    {
        var rollbackStarted = webhook.ReceiveAsync(1, Patience);
        var guard = stack.StartBacktrack(new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = webhook.Url }, "guard", "--window", "4s");
        try
        {
            await guard.WaitForLineAsync("started:", Patience);
            await stack.ComposeUpAsync(GuardStack.Variables("v3", "v1"));
            await guard.WaitForLineAsync("window-opened:", Patience);
            File.Delete(stack.HealthFile);
            await guard.WaitForLineAsync("failure-detected:", Patience);
            await rollbackStarted;
            return guard;
        }
        catch
        {
            // Never left running behind a failed test, changing the stack under its clean-up.
            await guard.DisposeAsync();
            throw;
        }
    }
}
