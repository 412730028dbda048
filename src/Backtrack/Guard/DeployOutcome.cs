using Backtrack.Operations;

namespace Backtrack.Guard;

/// <summary>How a guarded deploy ended: the release recorded before it, what was detected, the rollback's outcome and the report written.</summary>
public sealed record DeployOutcome(DeployResult Result, long BeforeRelease, Detection? Detection, OperationOutcome? Rollback, string? ReportPath)
{
    public int ExitCode => Result switch
    {
        DeployResult.Healthy => ExitCodes.Ok,
        DeployResult.RolledBack => ExitCodes.RolledBack,
        DeployResult.RollbackFailed => ExitCodes.RollbackFailed,
        _ => ExitCodes.Failed,
    };
}
