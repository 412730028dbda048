using System.Collections.Concurrent;
using System.Diagnostics;
using Backtrack.Execution;
using Backtrack.Planning;

namespace Backtrack.Diagnostics;

/// <summary>
/// <see cref="TimingTrace"/> for an operation: each step's time ("step SEQUENCE KIND LANE", the sequence telling the
/// record before a rollback from the one after it), and the total time the
/// wrapped observer (the journal) took across the operation, which every step waits for.
/// </summary>
public sealed class TracingObserver(IExecutionObserver journal) : IExecutionObserver
{
    private readonly ConcurrentDictionary<int, long> started = new();
    private long innerTicks;

    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct) =>
        TimedAsync(() => journal.OperationStartedAsync(operationId, plan, ct));

    public async Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct)
    {
        await TimedAsync(() => journal.StepStartedAsync(operationId, sequence, step, phase, ct)).ConfigureAwait(false);
        started[sequence] = Stopwatch.GetTimestamp();
    }

    public async Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct)
    {
        if (started.TryRemove(sequence, out var at))
        {
            var undo = phase == StepPhase.Compensate ? "undo " : "";
            TimingTrace.Write($"step {sequence} {undo}{step.Kind} {step.Lane}", Stopwatch.GetElapsedTime(at));
        }

        await TimedAsync(() => journal.StepEndedAsync(operationId, sequence, step, phase, error, ct)).ConfigureAwait(false);
    }

    public async Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct)
    {
        await TimedAsync(() => journal.OperationEndedAsync(operationId, result, ct)).ConfigureAwait(false);
        TimingTrace.Write("journal", Stopwatch.GetElapsedTime(0, Interlocked.Read(ref innerTicks)));
    }

    private async Task TimedAsync(Func<Task> call)
    {
        var at = Stopwatch.GetTimestamp();
        try
        {
            await call().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref innerTicks, Stopwatch.GetTimestamp() - at);
        }
    }
}
