using Backtrack.Planning;

namespace Backtrack.Execution;

/// <summary>Hooks called around an operation and each of its steps: the journal and the progress view are observers.</summary>
public interface IExecutionObserver
{
    Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct);

    Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct);

    Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct);

    Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct);
}
