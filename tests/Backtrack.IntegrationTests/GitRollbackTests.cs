using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>rollback git against a real local bare repository as the remote, redeployed by the real Compose client.</summary>
public sealed class GitRollbackTests : IAsyncLifetime
{
    private readonly GitStack stack = new();
    private string good = "";

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        good = await stack.GitAsync("rev-parse", "HEAD");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_bad_deploy_is_reverted_pushed_redeployed_and_healthy()
    {
        // The bad range holds a merge commit: a side branch that moved the web image to the broken v2.
        await stack.GitAsync("checkout", "-q", "-b", "feature");
        await stack.CommitAsync("web v2", new Dictionary<string, string> { [".env"] = GitStack.WebEnv("v2") });
        await stack.GitAsync("checkout", "-q", "main");
        await stack.CommitAsync("docs", new Dictionary<string, string> { ["NOTES.md"] = "notes\n" });
        await stack.GitAsync("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
        var bad = await stack.GitAsync("rev-parse", "HEAD");
        await stack.GitAsync("push", "-q", "origin", "main");
        await stack.DeployAsync();
        await stack.RecordAsync("v2");
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v2"), (await stack.InspectAsync("web")).Image);

        var dryRun = await stack.BacktrackAsync("rollback", "git", "--mode", "revert", "--push", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("cannot be undone", dryRun.Stdout);
        Assert.Contains("last good", dryRun.Stdout);
        Assert.Equal(bad, await stack.GitAsync("rev-parse", "HEAD"));

        var result = await stack.BacktrackAsync("rollback", "git", "--mode", "revert", "--push", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(GitStack.Secret, result.Stdout + result.Stderr);
        var head = await stack.GitAsync("rev-parse", "HEAD");
        Assert.Equal(head, await stack.RemoteHeadAsync());
        Assert.Equal(bad, await stack.GitAsync("rev-parse", "HEAD^"));
        Assert.Equal(await stack.GitAsync("rev-parse", good + "^{tree}"), await stack.GitAsync("rev-parse", "HEAD^{tree}"));
        Assert.Contains("Revert to", await stack.GitAsync("log", "-1", "--format=%s"));
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), (await stack.InspectAsync("web")).Image);
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());
        var releases = await stack.BacktrackAsync("releases", "-o", "json");
        Assert.Contains(head, releases.Stdout);
    }

    [Fact]
    public async Task Reset_on_a_protected_branch_needs_force_then_pushes_with_a_lease()
    {
        var bad = await stack.ReleaseWebAsync("v2");
        var container = (await stack.InspectAsync("web")).ID;

        var refused = await stack.BacktrackAsync("rollback", "git", "--mode", "reset", "--push", "--yes");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("protected branch", refused.Stderr);
        Assert.Equal(bad, await stack.RemoteHeadAsync());
        Assert.Equal(container, (await stack.InspectAsync("web")).ID);

        var result = await stack.BacktrackAsync("rollback", "git", "--mode", "reset", "--push", "--force", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(good, await stack.GitAsync("rev-parse", "HEAD"));
        Assert.Equal(good, await stack.RemoteHeadAsync());
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), (await stack.InspectAsync("web")).Image);
    }

    [Fact]
    public async Task A_dirty_tree_a_detached_head_or_a_moved_remote_is_refused_and_nothing_changes()
    {
        var bad = await stack.ReleaseWebAsync("v2");
        var container = (await stack.InspectAsync("web")).ID;

        async Task AssertUntouched(ProcessResult result, int exitCode, string message)
        {
            Assert.True(result.ExitCode == exitCode, result.ToString());
            Assert.Contains(message, result.Stderr);
            Assert.Equal(bad, await stack.RemoteHeadAsync());
            Assert.Equal(container, (await stack.InspectAsync("web")).ID);
        }

        // A dirty work tree.
        await File.AppendAllTextAsync(Path.Combine(stack.DeployPath, "compose.yaml"), "# local edit\n");
        await AssertUntouched(await stack.BacktrackAsync("rollback", "git", "--push", "--yes"), 2, "the work tree is not clean");
        Assert.Equal(bad, await stack.GitAsync("rev-parse", "HEAD"));
        Assert.Contains("# local edit", await File.ReadAllTextAsync(Path.Combine(stack.DeployPath, "compose.yaml")));
        await stack.GitAsync("checkout", "--", "compose.yaml");

        // A detached HEAD.
        await stack.GitAsync("checkout", "-q", "--detach", "HEAD");
        await AssertUntouched(await stack.BacktrackAsync("rollback", "git", "--push", "--yes"), 2, "HEAD is detached");
        await stack.GitAsync("checkout", "-q", "main");

        // Someone pushed meanwhile from another clone.
        var other = Path.Combine(stack.Root, "other");
        await stack.GitAsync("clone", "-q", stack.RemotePath, other);
        await stack.GitAsync("-C", other, "-c", "user.name=Other", "-c", "user.email=other@backtrack.invalid", "commit", "-q", "--allow-empty", "-m", "hotfix");
        await stack.GitAsync("-C", other, "push", "-q", "origin", "main");
        var moved = await stack.RemoteHeadAsync();
        var result = await stack.BacktrackAsync("rollback", "git", "--push", "--yes");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("is behind origin/main", result.Stderr);
        Assert.Equal(moved, await stack.RemoteHeadAsync());
        Assert.Equal(bad, await stack.GitAsync("rev-parse", "HEAD"));
        Assert.Equal(container, (await stack.InspectAsync("web")).ID);
    }

    [Fact]
    public async Task A_target_that_fails_its_health_gate_is_undone_locally_and_never_pushed()
    {
        var broken = await stack.CommitAsync("web v2", new Dictionary<string, string> { [".env"] = GitStack.WebEnv("v2") });
        var head = await stack.CommitAsync("web v3", new Dictionary<string, string> { [".env"] = GitStack.WebEnv("v3") });
        await stack.GitAsync("push", "-q", "origin", "main");
        await stack.DeployAsync();

        var result = await stack.BacktrackAsync("rollback", "git", "--to", broken, "--push", "--yes");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(head, await stack.GitAsync("rev-parse", "HEAD"));
        Assert.Equal(head, await stack.RemoteHeadAsync());
        Assert.Empty(await stack.GitAsync("status", "--porcelain"));
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);
        var history = await stack.BacktrackAsync("history", "-o", "json", "--limit", "1");
        Assert.Contains("RolledBack", history.Stdout);
    }
}
