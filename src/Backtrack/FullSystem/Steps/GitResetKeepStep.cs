using Backtrack.Git;
using Backtrack.Planning;

namespace Backtrack.FullSystem.Steps;

/// <summary>Moves the deploy repository's branch to the snapshot's commit (git reset --keep: refused if local changes would be lost).</summary>
[StepKind("git.reset-keep")]
public sealed record GitResetKeepStep(int Wave, string Lane, string Commit) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"check out the deploy repository at {GitRepository.Abbrev(Commit)} (git reset --keep)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var git = context.Environment.Git ?? throw new BacktrackException("no 'git' section in the configuration");
        var result = await GitRepository.From(git).RunAsync(["reset", "--keep", Commit], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BacktrackException($"git reset --keep {GitRepository.Abbrev(Commit)} failed: {result.LastLine()}");
        }
    }
}
