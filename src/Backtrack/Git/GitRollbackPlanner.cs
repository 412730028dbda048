using Backtrack.Configuration;
using Backtrack.Git.Steps;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;

namespace Backtrack.Git;

/// <summary>
/// Plans a rollback of the deploy repository: find the target commit (from the release history, not by
/// guessing with time), check the repository and its remote, change the branch, redeploy, gate, push.
/// Planning reads (and fetches); it changes nothing else.
/// </summary>
public sealed class GitRollbackPlanner(ReleaseStore releases, TimeProvider clock)
{
    private const int HistoryDepth = 500;

    public async Task<Plan> PlanAsync(EnvironmentConfig env, GitRollbackRequest request, CancellationToken ct)
    {
        var git = env.Git ?? throw new BacktrackException($"environment '{env.Name}' has no git section; add git: {{ path: ..., redeploy: ... }} to the config");
        var repo = GitRepository.From(git);
        if (request.Mode == GitRollbackMode.Reset && git.ProtectedBranches.Contains(git.Branch) && !request.Force)
        {
            throw new BacktrackException($"'{git.Branch}' is a protected branch (git.protected): reset rewrites its history; use --mode revert, or --force");
        }

        if (git.RedeployCommand is null && !request.Push)
        {
            throw new BacktrackException("no redeploy command is configured (git.redeploy), so CI/CD deploys the rollback: add --push");
        }

        if (request.Before is { } before && !await repo.IsPastTimeAsync(before, ct).ConfigureAwait(false))
        {
            throw new BacktrackException($"--before: git reads '{before}' as no time in the past; write e.g. '2 hours ago', yesterday or 2026-11-24T13:00");
        }

        var (head, remoteHead) = await repo.EnsureReadyAsync(ct).ConfigureAwait(false);
        var history = await releases.ListAsync(HistoryDepth, ct).ConfigureAwait(false);
        var (target, why) = await TargetAsync(repo, history, head, request, ct).ConfigureAwait(false);
        var planId = Plan.NewId(clock);
        if (target == head || await repo.TreeAsync(target, ct).ConfigureAwait(false) == await repo.TreeAsync(head, ct).ConfigureAwait(false))
        {
            return new Plan(planId, "rollback git", $"nothing to roll back: {GitRepository.Abbrev(head)} already holds the files of {GitRepository.Abbrev(target)} ({why})", []);
        }

        var commits = await repo.CommitsAsync(target, head, ct).ConfigureAwait(false);
        var targetRelease = history.Where(r => r.GitCommit == target).OrderByDescending(r => r.Services.All(s => s.Healthy)).FirstOrDefault();
        if (git.RedeployCommand is null && targetRelease is null)
        {
            throw new BacktrackException(
                $"no release of {GitRepository.Abbrev(target)} is recorded, so Backtrack cannot tell when CI/CD has deployed it; configure git.redeploy");
        }

        var steps = new List<PlanStep>
        {
            new ExpectGitStateStep(0, repo, head, remoteHead),
            new RecordReleaseStep(0, "before-rollback", "state before rollback git"),
        };
        if (git.RedeployCommand is { } undoCommand)
        {
            steps.Add(new RedeployOnUndoStep(1, repo, head, undoCommand, git.RedeployTimeout));
        }

        steps.Add(request.Mode == GitRollbackMode.Revert
            ? new GitRevertStep(1, repo, head, target, commits.Select(c => $"{GitRepository.Abbrev(c.Commit)} {c.Subject}").ToList())
            : new GitResetStep(1, repo, head, target, commits.Count));
        var push = new GitPushStep(0, repo, remoteHead, ForceWithLease: request.Mode == GitRollbackMode.Reset);
        if (git.RedeployCommand is { } command)
        {
            // The push comes last: only a rollback that redeployed and passed its health gate reaches the remote.
            steps.Add(new RedeployStep(2, "deploy", git.Path, command, git.RedeployTimeout));
            steps.Add(new GateServicesStep(3, [], env.HealthTimeout));
            if (request.Push)
            {
                steps.Add(push with { Wave = 4 });
            }
        }
        else
        {
            steps.Add(push with { Wave = 2 });
            steps.Add(new WaitForImagesStep(3, targetRelease!.Services.ToDictionary(s => s.Service, s => s.ImageId), targetRelease.Id, git.RedeployTimeout));
            steps.Add(new GateServicesStep(4, [], env.HealthTimeout));
        }

        steps.Add(new RecordReleaseStep(5, "rollback", $"after rollback git to {GitRepository.Abbrev(target)}"));
        var summary = $"{repo.Branch}: {GitRepository.Abbrev(head)} -> {GitRepository.Abbrev(target)} ({why}); "
            + $"{(request.Mode == GitRollbackMode.Revert ? "revert" : "reset")} {commits.Count} commit(s): "
            + string.Join(", ", commits.Take(5).Select(c => $"{GitRepository.Abbrev(c.Commit)} {c.Subject}"))
            + (commits.Count > 5 ? ", ..." : "")
            + (request.Push ? "" : "; not pushed (--push pushes)");
        return new Plan(planId, "rollback git", summary, steps);
    }

    private static async Task<(string Commit, string Why)> TargetAsync(
        GitRepository repo, IReadOnlyList<Release> history, string head, GitRollbackRequest request, CancellationToken ct)
    {
        if (request.To != GitRollbackRequest.LastGood)
        {
            var commit = await repo.ResolveAsync(request.To, ct).ConfigureAwait(false)
                ?? throw new BacktrackException($"'{request.To}' is not a commit of {repo.Path}");
            return await repo.IsAncestorAsync(commit, head, ct).ConfigureAwait(false)
                ? (commit, $"--to {request.To}")
                : throw new BacktrackException($"{GitRepository.Abbrev(commit)} is not in the history of '{repo.Branch}'; roll back to one of its own commits");
        }

        foreach (var release in history.Where(r => r.GitCommit is not null && r.GitCommit != head && r.Services.Count > 0 && r.Services.All(s => s.Healthy)))
        {
            if (await repo.IsAncestorAsync(release.GitCommit!, head, ct).ConfigureAwait(false))
            {
                return (release.GitCommit!, $"last good: release {release.Id} of {release.Created:yyyy-MM-dd HH:mm}, recorded healthy");
            }
        }

        if (request.Before is { } before)
        {
            var commit = await repo.CommitBeforeAsync(before, head, ct).ConfigureAwait(false)
                ?? throw new BacktrackException($"'{repo.Branch}' has no commit before '{before}'");
            return (commit, $"the last commit before '{before}'");
        }

        throw new BacktrackException(
            "no release with a git commit was recorded healthy before HEAD; run 'backtrack record' after each deploy (with git configured), "
            + "or name the target: --to COMMIT, or --before TIME (e.g. --before '2 hours ago')");
    }
}
