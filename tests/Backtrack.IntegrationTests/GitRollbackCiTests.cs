using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>rollback git with no redeploy command: it pushes, and waits until CI/CD runs the last good release's images.</summary>
public sealed class GitRollbackCiTests : IAsyncLifetime
{
    private readonly GitStack stack = new(redeploy: false);

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Without_a_redeploy_command_the_push_comes_first_then_it_waits_for_ci_cd_and_gates()
    {
        var bad = await stack.ReleaseWebAsync("v2");

        var unpushed = await stack.BacktrackAsync("rollback", "git", "--yes");
        Assert.Equal(2, unpushed.ExitCode);
        Assert.Contains("add --push", unpushed.Stderr);

        await using var process = stack.StartBacktrack("rollback", "git", "--push", "--yes");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The "CI/CD": deploys the pushed commit once it is on the remote.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await stack.RemoteHeadAsync() == bad && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(100);
        }

        Assert.NotEqual(bad, await stack.RemoteHeadAsync());
        Assert.Equal(1, (await stack.BacktrackAsync("health")).ExitCode);
        await stack.DeployAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"{await stdout}\n{await stderr}");
        Assert.Contains("wait for CI/CD", await stdout);
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), (await stack.InspectAsync("web")).Image);
        Assert.Equal(0, (await stack.BacktrackAsync("health")).ExitCode);
    }
}
