using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>
/// Does nothing going forward. It comes before the git change, so when the operation is undone it runs
/// after the git change was undone: it redeploys what the repository held before, only if it is back there.
/// </summary>
[StepKind("git.redeploy-on-undo")]
public sealed record RedeployOnUndoStep(int Wave, GitRepository Repo, string Head, string Command, TimeSpan Timeout) : PlanStep(Wave, "git")
{
    public override string Describe() => $"(on undo only) redeploy {GitRepository.Abbrev(Head)} with '{Command}'";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;

    public override string DescribeCompensation() => $"redeploy {GitRepository.Abbrev(Head)} with '{Command}' once the repository is back there";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        var head = await Repo.HeadAsync(ct).ConfigureAwait(false);
        if (head != Head)
        {
            throw new BacktrackException($"{Repo.Path} is at {GitRepository.Abbrev(head)}, not back at {GitRepository.Abbrev(Head)}: not redeploying");
        }

        await RedeployStep.RunAsync(Repo.Path, Command, Timeout, ct).ConfigureAwait(false);
    }
}
