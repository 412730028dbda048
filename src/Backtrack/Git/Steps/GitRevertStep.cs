using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>
/// One revert commit for the whole range after the target: the work tree and index are set to the
/// target's tree (git read-tree --reset -u), so merge commits in the range need no parent choice, then
/// committed. Undone by resetting to the previous head while the commit has not reached the remote.
/// </summary>
[StepKind("git.revert")]
public sealed record GitRevertStep(int Wave, GitRepository Repo, string PreviousHead, string Target, IReadOnlyList<string> Reverted)
    : PlanStep(Wave, "git")
{
    public override string Describe() =>
        $"commit one revert of {Reverted.Count} commit(s) on '{Repo.Branch}': the tree of {GitRepository.Abbrev(Target)} on top of {GitRepository.Abbrev(PreviousHead)}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        await Repo.OutputAsync(["read-tree", "--reset", "-u", Target], ct).ConfigureAwait(false);
        var message = $"Revert to {GitRepository.Abbrev(Target)}: undo {Reverted.Count} commit(s)\n\n"
            + string.Join('\n', Reverted.Select(r => $"Reverts {r}"))
            + $"\n\nBacktrack operation {context.OperationId} (rollback git --mode revert)";
        try
        {
            await Repo.OutputAsync(["commit", "-q", "--no-verify", "-m", message], ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed step is not undone by the executor: put the work tree and index back here.
            await Repo.RunAsync(["reset", "-q", "--hard", PreviousHead], CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public override string DescribeCompensation() =>
        $"git reset --hard {GitRepository.Abbrev(PreviousHead)} (only while the revert commit is not on {Repo.Remote})";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => GitUndo.ResetUnlessPushedAsync(Repo, PreviousHead, ct);
}
