namespace Backtrack.Git;

/// <summary>Undoing a local git change: possible while the remote has not taken it; a push cannot be undone.</summary>
internal static class GitUndo
{
    public static async Task ResetUnlessPushedAsync(GitRepository repo, string previousHead, CancellationToken ct)
    {
        // HEAD back (or never moved) is not enough: a change killed midway (read-tree before its commit, a reset
        // between the work tree and the ref) may have changed the index and work tree. They were clean when the
        // plan ran, under the lock: reset --hard to the previous head puts back exactly that.
        var head = await repo.HeadAsync(ct).ConfigureAwait(false);
        var remote = head == previousHead ? previousHead : await repo.TrackingHeadAsync(ct).ConfigureAwait(false);
        if (remote != previousHead)
        {
            throw new BacktrackException(
                $"{repo.Remote}/{repo.Branch} is at {GitRepository.Abbrev(remote ?? "none")} now (pushed): the local branch stays at {GitRepository.Abbrev(head)}; "
                + $"a push cannot be undone, revert it with git if needed");
        }

        await repo.OutputAsync(["reset", "-q", "--hard", previousHead], ct).ConfigureAwait(false);
    }
}
