namespace Backtrack;

/// <summary>The process exit codes, stable for scripts and CI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A service is down or unhealthy, or an operation failed and what ran before was restored.</summary>
    public const int Failed = 1;

    /// <summary>Bad input, bad configuration, or an unreachable engine; nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>Another mutating command holds the environment's lock, or the stack changed since planning.</summary>
    public const int Conflict = 3;

    /// <summary>An operation failed and restoring what ran before failed too: a person must look.</summary>
    public const int NeedsAttention = 4;

    /// <summary>The user declined the confirmation.</summary>
    public const int Declined = 5;

    /// <summary>A guarded deploy failed its watch window and every service was rolled back to the release before it.</summary>
    public const int RolledBack = 6;

    /// <summary>A guarded deploy failed its watch window and its rollback failed too: the failed deploy still runs; a person must look.</summary>
    public const int RollbackFailed = 7;
}
