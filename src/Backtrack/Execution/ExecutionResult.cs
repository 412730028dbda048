using Backtrack.Planning;

namespace Backtrack.Execution;

public enum ExecutionOutcome
{
    /// <summary>Every step succeeded.</summary>
    Succeeded,

    /// <summary>A step failed and every completed step was undone: things are as before.</summary>
    RolledBack,

    /// <summary>A step failed and undoing failed too: a person must look.</summary>
    CompensationFailed,
}

/// <summary>The outcome of running a plan, partial results included.</summary>
public sealed record ExecutionResult(
    string OperationId,
    ExecutionOutcome Outcome,
    PlanStep? FailedStep,
    string? Error,
    IReadOnlyList<string> CompensationErrors,
    TimeSpan Duration)
{
    public int ExitCode => Outcome switch
    {
        ExecutionOutcome.Succeeded => ExitCodes.Ok,
        ExecutionOutcome.RolledBack => ExitCodes.Failed,
        _ => ExitCodes.NeedsAttention,
    };
}
