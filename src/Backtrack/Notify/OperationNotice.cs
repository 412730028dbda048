using Backtrack.Execution;

namespace Backtrack.Notify;

/// <summary>What a channel is told: an operation started (no result yet) or ended, with its outcome and verification.</summary>
public sealed record OperationNotice(string Environment, string OperationId, string Kind, string? Summary)
{
    /// <summary>The incident the operation belongs to beyond itself (a guarded deploy's); null: its own.</summary>
    public string? Incident { get; init; }

    /// <summary>The execution's result; null while the operation has only started.</summary>
    public ExecutionResult? Result { get; init; }

    /// <summary>The verification's verdict in words ("verification passed" or what failed); null when none ran.</summary>
    public string? Verification { get; init; }

    public bool VerificationFailed { get; init; }

    /// <summary>Rollbacks of every kind page a person; other operations only inform.</summary>
    public bool IsRollback => Kind.StartsWith("rollback", StringComparison.Ordinal);

    /// <summary>Ended with every step done and nothing failing its verification.</summary>
    public bool EndedWell => Result is { Outcome: ExecutionOutcome.Succeeded } && !VerificationFailed;

    /// <summary>The journal's word for it: started, succeeded or failed.</summary>
    public string Event => Result is null ? "started" : EndedWell ? "succeeded" : "failed";
}
