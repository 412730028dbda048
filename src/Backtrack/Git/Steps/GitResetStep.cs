using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>git reset --hard to the target; undone by resetting to the previous head while the remote still has it.</summary>
[StepKind("git.reset")]
public sealed record GitResetStep(int Wave, GitRepository Repo, string PreviousHead, string Target, int Dropped) : PlanStep(Wave, "git")
{
    public override string Describe() =>
        $"git reset --hard {GitRepository.Abbrev(Target)} on '{Repo.Branch}' (drops {Dropped} commit(s) after it from the branch)";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        Repo.OutputAsync(["reset", "-q", "--hard", Target], ct);

    public override string DescribeCompensation() =>
        $"git reset --hard {GitRepository.Abbrev(PreviousHead)} (only while {Repo.Remote}/{Repo.Branch} is still there)";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => GitUndo.ResetUnlessPushedAsync(Repo, PreviousHead, ct);
}
