namespace Backtrack.Git;

/// <summary>Undoing a local git change: possible while the remote has not taken it; a push cannot be undone.</summary>
internal static class GitUndo
{
    public static async Task ResetUnlessPushedAsync(GitRepository repo, string previousHead, CancellationToken ct)
    {
        var head = await repo.HeadAsync(ct).ConfigureAwait(false);
        if (head == previousHead)
        {
            return;
        }

        var remote = await repo.TrackingHeadAsync(ct).ConfigureAwait(false);
        if (remote != previousHead)
        {
            throw new BacktrackException(
                $"{repo.Remote}/{repo.Branch} is at {GitRepository.Abbrev(remote ?? "none")} now (pushed): the local branch stays at {GitRepository.Abbrev(head)}; "
                + $"a push cannot be undone, revert it with git if needed");
        }

        await repo.OutputAsync(["reset", "-q", "--hard", previousHead], ct).ConfigureAwait(false);
    }
}
