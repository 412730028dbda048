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
    /// <summary>Whether a step that changes something had completed before the failure (and was undone).</summary>
    public bool ChangedAnything { get; init; }

    /// <summary>The failure was a conflict: the stack (or repository) changed since the plan was made.</summary>
    public bool Conflict { get; init; }

    /// <summary>Observers that failed (the journal on a full disk): reported beside the outcome, never instead of it.</summary>
    public IReadOnlyList<string> ObserverErrors { get; init; } = [];

    public int ExitCode => Outcome switch
    {
        ExecutionOutcome.Succeeded => ExitCodes.Ok,
        ExecutionOutcome.RolledBack when Conflict => ExitCodes.Conflict,
        ExecutionOutcome.RolledBack => ExitCodes.Failed,
        _ => ExitCodes.NeedsAttention,
    };
}
