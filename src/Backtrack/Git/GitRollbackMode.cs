namespace Backtrack.Git;

public enum GitRollbackMode
{
    /// <summary>One new commit that undoes the range after the target; history is kept.</summary>
    Revert,

    /// <summary>git reset --hard to the target and a push with --force-with-lease; history is rewritten.</summary>
    Reset,
}
