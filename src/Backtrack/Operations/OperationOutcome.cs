using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.Verify;

namespace Backtrack.Operations;

/// <summary>What an operation did, as a value: the executor's result, the checklist it ended with, and what its steps published.</summary>
public sealed record OperationOutcome(Plan Plan, ExecutionResult Execution, VerifyReport? Verification, IReadOnlyList<object> Outputs)
{
    /// <summary>Exit code of the README's table: the execution's, or 1 when it succeeded but its verification failed.</summary>
    public int ExitCode => Execution.Outcome == ExecutionOutcome.Succeeded && Verification is { Passed: false } ? ExitCodes.Failed : Execution.ExitCode;
}
