using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>Checks again, under the lock, that the repository and its remote are where the plan found them.</summary>
[StepKind("git.expect-state")]
public sealed record ExpectGitStateStep(int Wave, GitRepository Repo, string Head, string RemoteHead) : PlanStep(Wave, "git")
{
    public override string Describe() =>
        $"check {Repo.Path} is clean on '{Repo.Branch}' at {GitRepository.Abbrev(Head)} and {Repo.Remote}/{Repo.Branch} is still {GitRepository.Abbrev(RemoteHead)} (git fetch)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var (head, remoteHead) = await Repo.EnsureReadyAsync(ct).ConfigureAwait(false);
        if (head != Head || remoteHead != RemoteHead)
        {
            throw new ConflictException(
                $"{Repo.Path} moved since the plan was made (now {GitRepository.Abbrev(head)}, {Repo.Remote} {GitRepository.Abbrev(remoteHead)}): plan again");
        }
    }
}
