namespace Backtrack.Git;

/// <summary>
/// A git rollback: to the last good commit (the newest release recorded healthy), or a named commit;
/// by one revert commit, or a reset and a push with a lease.
/// </summary>
public sealed record GitRollbackRequest(string To, GitRollbackMode Mode, bool Push, bool Force, string? Before)
{
    public const string LastGood = "last-good";
}
