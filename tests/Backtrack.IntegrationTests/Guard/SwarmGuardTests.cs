using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.Guard;

/// <summary>guard and deploy on a real single-node swarm: a bad 'docker service update' rolled back by guard, a good stack file deployed and recorded.</summary>
[Collection("swarm-guard")]
public sealed class SwarmGuardTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly GuardSwarmStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.UntilRunsAsync("web", "v1", 1);
        var record = await stack.BacktrackAsync("record", "--note", "v1");
        Assert.True(record.ExitCode == 0, record.ToString());
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Guard_rolls_a_service_update_that_fails_its_health_check_back_to_the_recorded_release()
    {
        await using var guard = stack.StartBacktrack("guard", "--window", "30s");
        await guard.WaitForLineAsync("started:", Patience);

        await stack.UpdateImageAsync("web", "backtrack-demo/web:v2");

        var opened = await guard.WaitForLineAsync("window-opened:", Patience);
        Assert.Contains("web runs a new spec", opened);
        var detected = await guard.WaitForLineAsync("failure-detected:", Patience);
        Assert.Contains("web:", detected);
        var rolledBack = await guard.WaitForLineAsync("rolled-back:", Patience);
        Assert.Contains("every service is back on release 1", rolledBack);
        Assert.Equal("backtrack-demo/web:v1", await stack.ImageAsync());
        await stack.UntilRunsAsync("web", "v1", 1);

        await guard.TerminateAsync();
        await guard.WaitForExitAsync();
        Assert.Equal(0, guard.ExitCode);
        var history = await stack.BacktrackAsync("history");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Contains("automatic rollback after web:", history.Stdout);
        var releases = await stack.BacktrackAsync("releases");
        Assert.Contains("failed-window", releases.Stdout);
    }

    [Fact]
    public async Task Deploy_of_a_good_stack_file_version_is_watched_and_recorded_as_a_good_release()
    {
        await stack.WriteStackFileAsync("v3");

        var deploy = await stack.BacktrackAsync("deploy", "--window", "12s");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("recorded as a good release", deploy.Stdout);
        Assert.Equal("backtrack-demo/web:v3", await stack.ImageAsync());
        var releases = await stack.BacktrackAsync("releases");
        Assert.True(releases.ExitCode == 0, releases.ToString());
        Assert.Contains("window-passed", releases.Stdout);
    }
}
