using Backtrack.Planning;

namespace Backtrack.Git.Steps;

/// <summary>
/// Pushes the branch. With a lease (reset mode), only while the remote is still where the plan saw it.
/// A push cannot be undone: the plan puts it after the local checks (and, with a redeploy command, after the health gate).
/// </summary>
[StepKind("git.push")]
public sealed record GitPushStep(int Wave, GitRepository Repo, string ExpectedRemoteHead, bool ForceWithLease) : PlanStep(Wave, "git")
{
    public override string Describe() => ForceWithLease
        ? $"git push --force-with-lease={Repo.Branch}:{GitRepository.Abbrev(ExpectedRemoteHead)} {Repo.Remote} {Repo.Branch} (cannot be undone)"
        : $"git push {Repo.Remote} {Repo.Branch} (a fast-forward; cannot be undone)";

    public override bool PointOfNoReturn => true;

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        // Repair runs this step again when a kill came after the push landed but before its end was journaled;
        // the lease names the remote's old head, so pushing again would be refused though nothing is left to do.
        if (await Repo.RemoteHeadAsync(ct).ConfigureAwait(false) == await Repo.HeadAsync(ct).ConfigureAwait(false))
        {
            return;
        }

        List<string> args = ["push", "-q", "--no-verify", "--porcelain"];
        if (ForceWithLease)
        {
            args.Add($"--force-with-lease=refs/heads/{Repo.Branch}:{ExpectedRemoteHead}");
        }

        args.AddRange([Repo.Remote, $"HEAD:refs/heads/{Repo.Branch}"]);
        await Repo.OutputAsync(args, ct, network: true).ConfigureAwait(false);
    }
}
