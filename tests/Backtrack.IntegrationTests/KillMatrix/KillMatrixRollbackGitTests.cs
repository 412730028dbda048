using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'rollback git --push' with a redeploy command killed at every step, then repaired (forward once the push began).</summary>
public sealed class KillMatrixRollbackGitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly GitStack stack = new();
    private string bad = "";

    /// <summary>v1 recorded healthy, then v3 released (committed, pushed, deployed, recorded): the "before".</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        bad = await stack.ReleaseWebAsync("v3");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_rollback_git_killed_at_any_step_when_repaired_then_repository_remote_and_services_are_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "rollback-git",
            ["rollback", "git", "--mode", "revert", "--push", "--no-verify"],
            State: () => GitStackState.DescribeAsync(stack),
            Reset: async () =>
            {
                await stack.GitAsync("reset", "-q", "--hard", bad);
                await stack.GitAsync("push", "-q", "--force", "origin", "main");
                await stack.DeployAsync();
            }));

        Assert.Contains(rows, r => r.Kind == "git.push");
    }
}
