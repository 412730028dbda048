using Backtrack.Configuration;
using Backtrack.Git;
using Backtrack.Git.Steps;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.State;

namespace Backtrack.Tests.Git;

/// <summary>The checks and the target choice of a git rollback, on real git repositories (a bare one as the remote).</summary>
public sealed class GitRepositoryTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("backtrack-git-unit-").FullName;
    private string first = "";
    private string second = "";

    private string Deploy => Path.Combine(root, "deploy");

    private GitRepository Repo => new(Deploy, "origin", "main");

    public async Task InitializeAsync()
    {
        await GitAsync(root, "init", "-q", "--bare", "-b", "main", "remote.git");
        await GitAsync(root, "clone", "-q", "remote.git", "deploy");
        await GitAsync(Deploy, "config", "user.name", "Backtrack Test");
        await GitAsync(Deploy, "config", "user.email", "test@backtrack.invalid");
        await GitAsync(Deploy, "checkout", "-q", "-b", "main");
        first = await CommitAsync("first", "2026-01-01T10:00:00Z");
        second = await CommitAsync("second", "2026-01-01T12:00:00Z");
        await GitAsync(Deploy, "push", "-q", "-u", "origin", "main");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_clean_branch_in_line_with_its_remote_is_ready()
    {
        Assert.Equal((second, second), await Repo.EnsureReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Unpushed_commits_and_another_branch_are_refused()
    {
        await CommitAsync("local only", "2026-01-01T13:00:00Z");
        var ahead = await Assert.ThrowsAsync<ConflictException>(() => Repo.EnsureReadyAsync(CancellationToken.None));
        Assert.Contains("is ahead of origin/main", ahead.Message);

        await GitAsync(Deploy, "checkout", "-q", "-b", "other");
        var branch = await Assert.ThrowsAsync<BacktrackException>(() => Repo.EnsureReadyAsync(CancellationToken.None));
        Assert.Contains("branch 'other' is checked out", branch.Message);
    }

    [Theory]
    [InlineData("2 hours ago", true)]
    [InlineData("2.hours.ago", true)]
    [InlineData("2026-01-01T12:00:00Z", true)]
    [InlineData("yesterday", true)]
    [InlineData("not a time", false)]
    [InlineData("2 hourz ago", false)]
    [InlineData("now", false)]
    [InlineData("", false)]
    public async Task Git_reads_a_time_in_the_past_and_nothing_else_as_one(string time, bool expected)
    {
        Assert.Equal(expected, await Repo.IsPastTimeAsync(time, CancellationToken.None));
    }

    [Fact]
    public async Task With_no_recorded_history_before_picks_the_last_commit_before_the_time()
    {
        using var database = await StateDatabase.OpenAsync(Path.Combine(root, "state"), CancellationToken.None);
        var planner = new GitRollbackPlanner(new ReleaseStore(database), TimeProvider.System);
        var env = new EnvironmentConfig("test", null, "p", Path.Combine(root, "state"), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 0,
            new Dictionary<string, ServiceConfig>())
        {
            Git = new GitConfig(Deploy, "origin", "main", [], "true", TimeSpan.FromSeconds(30)),
        };

        var none = await Assert.ThrowsAsync<BacktrackException>(() =>
            planner.PlanAsync(env, new GitRollbackRequest(GitRollbackRequest.LastGood, GitRollbackMode.Revert, false, false, null), CancellationToken.None));
        Assert.Contains("--before TIME", none.Message);

        var plan = await planner.PlanAsync(
            env, new GitRollbackRequest(GitRollbackRequest.LastGood, GitRollbackMode.Revert, false, false, "2026-01-01T11:00:00Z"), CancellationToken.None);

        var revert = Assert.Single(plan.Steps.OfType<GitRevertStep>());
        Assert.Equal(first, revert.Target);
        Assert.Empty(plan.Steps.OfType<GitPushStep>());
        Assert.Equal(second, await Repo.HeadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_revert_killed_between_its_read_tree_and_its_commit_when_undone_then_the_index_and_work_tree_are_back()
    {
        await GitAsync(Deploy, "read-tree", "--reset", "-u", first);
        Assert.NotEmpty(await GitAsync(Deploy, "status", "--porcelain"));

        await GitUndo.ResetUnlessPushedAsync(Repo, second, CancellationToken.None);

        Assert.Empty(await GitAsync(Deploy, "status", "--porcelain"));
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(Deploy, "file.txt")));
        Assert.Equal(second, (await GitAsync(Deploy, "rev-parse", "HEAD")).Trim());
    }

    [Fact]
    public async Task Given_a_reset_push_that_landed_before_a_kill_when_repair_runs_it_again_then_it_is_done_not_refused_by_its_stale_lease()
    {
        await GitAsync(Deploy, "reset", "-q", "--hard", first);
        var push = new GitPushStep(0, Repo, ExpectedRemoteHead: second, ForceWithLease: true);
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object>());

        await push.ApplyAsync(context, CancellationToken.None);
        await push.ApplyAsync(context, CancellationToken.None);

        Assert.Equal(first, await Repo.RemoteHeadAsync(CancellationToken.None));
    }

    private async Task<string> CommitAsync(string message, string date)
    {
        await File.WriteAllTextAsync(Path.Combine(Deploy, "file.txt"), message);
        await GitAsync(Deploy, "add", "-A");
        var env = new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
        var result = await ExternalProcess.RunAsync("git", ["commit", "-q", "-m", message], Deploy, TimeSpan.FromSeconds(30), CancellationToken.None, env);
        Assert.True(result.Succeeded, result.Stderr);
        return (await GitAsync(Deploy, "rev-parse", "HEAD")).Trim();
    }

    private static async Task<string> GitAsync(string directory, params string[] args)
    {
        var result = await ExternalProcess.RunAsync("git", args, directory, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.Succeeded, $"git {string.Join(' ', args)}: {result.Stderr}");
        return result.Stdout;
    }
}
