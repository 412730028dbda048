using Backtrack.Planning;
using Backtrack.Verify;

namespace Backtrack.Execution;

/// <summary>Runs a plan as a journaled operation with a fresh operation ID.</summary>
public sealed class OperationRunner(BacktrackEnvironment environment)
{
    public async Task<ExecutionResult> RunAsync(Plan plan, string command, IReadOnlyList<IExecutionObserver> observers, CancellationToken ct)
    {
        var database = await environment.DatabaseAsync(ct).ConfigureAwait(false);
        var operationId = plan.Id;
        var recorder = await environment.RecorderAsync(ct).ConfigureAwait(false);
        var context = new StepContext(environment.Config, environment.Engine, environment.Gate, recorder, environment.Clock, operationId)
        {
            Verifier = environment.Verifier,
            Verifications = new VerificationStore(database),
        };
        var executor = new PlanExecutor([new Journal(database, environment.Clock, command), .. observers]);
        return await executor.ExecuteAsync(plan, context, ct).ConfigureAwait(false);
    }
}
