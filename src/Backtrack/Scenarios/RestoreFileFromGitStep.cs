using Backtrack.Git;
using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>Restores one file of the deploy directory from a commit (git restore --source); the replaced file is kept for the undo.</summary>
[StepKind("file.restore-from-git")]
public sealed record RestoreFileFromGitStep(int Wave, string Lane, GitRepository Repo, string Commit, string RelativePath, string KeptPath)
    : PlanStep(Wave, Lane)
{
    private string Target => Path.Combine(Repo.Path, RelativePath);

    public override string Describe() =>
        $"restore {RelativePath} in {Repo.Path} from {GitRepository.Abbrev(Commit)}; keep the replaced file as {KeptPath}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        await KeptFile.KeepAsync(Target, KeptPath, ct).ConfigureAwait(false);
        await Repo.OutputAsync(["restore", $"--source={Commit}", "--worktree", "--", RelativePath], ct).ConfigureAwait(false);
    }

    public override string DescribeCompensation() => $"put the replaced {RelativePath} back from {KeptPath}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        KeptFile.PutBack(Target, KeptPath);
        return Task.CompletedTask;
    }
}
