namespace Backtrack.Guard;

public enum DeployResult
{
    /// <summary>Healthy for the whole window; recorded as a good release.</summary>
    Healthy,

    /// <summary>Failed; every service went back to the release before the deploy.</summary>
    RolledBack,

    /// <summary>Failed, and so did the rollback: the failed deploy still runs.</summary>
    RollbackFailed,

    /// <summary>Failed; nothing was rolled back (--on-failure notify, or nothing had changed).</summary>
    FailedNotRolledBack,
}
