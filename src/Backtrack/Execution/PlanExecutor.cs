using System.Collections.Concurrent;
using System.Diagnostics;
using Backtrack.Planning;

namespace Backtrack.Execution;

/// <summary>
/// Runs a plan: wave after wave, the lanes of a wave in parallel, the steps of a lane in order. When a
/// step fails, the other lanes stop after their current step and every completed step is undone, newest
/// first, so a failed operation leaves things as they were. Observers see every step.
/// </summary>
public sealed class PlanExecutor(IReadOnlyList<IExecutionObserver> observers)
{
    private int sequence;

    public async Task<ExecutionResult> ExecuteAsync(Plan plan, StepContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var completed = new ConcurrentStack<PlanStep>();
        await NotifyAsync(o => o.OperationStartedAsync(context.OperationId, plan, ct)).ConfigureAwait(false);

        (PlanStep Step, Exception Error)? failure = null;
        using var stop = new CancellationTokenSource();
        foreach (var wave in plan.Waves())
        {
            var failures = new ConcurrentQueue<(PlanStep, Exception)>();
            await Task.WhenAll(wave.Select(lane => RunLaneAsync(lane, context, completed, failures, stop, ct))).ConfigureAwait(false);
            if (failures.TryDequeue(out var first))
            {
                failure = first;
                break;
            }
        }

        var result = failure is var (failedStep, error)
            ? await CompensateAsync(plan, context, completed, failedStep, error, clock).ConfigureAwait(false)
            : new ExecutionResult(context.OperationId, ExecutionOutcome.Succeeded, null, null, [], clock.Elapsed);
        await NotifyAsync(o => o.OperationEndedAsync(context.OperationId, result, CancellationToken.None)).ConfigureAwait(false);
        return result;
    }

    private async Task RunLaneAsync(
        IReadOnlyList<PlanStep> lane,
        StepContext context,
        ConcurrentStack<PlanStep> completed,
        ConcurrentQueue<(PlanStep, Exception)> failures,
        CancellationTokenSource stop,
        CancellationToken ct)
    {
        foreach (var step in lane)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var error = await RunStepAsync(context.OperationId, step, StepPhase.Apply, () => step.ApplyAsync(context, ct)).ConfigureAwait(false);
            if (error is not null && !step.BestEffort)
            {
                failures.Enqueue((step, error));
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }

            completed.Push(step);
        }
    }

    /// <summary>Undoes completed steps newest first; undoing goes on past a failure, and runs even after Ctrl+C.</summary>
    private async Task<ExecutionResult> CompensateAsync(
        Plan plan, StepContext context, ConcurrentStack<PlanStep> completed, PlanStep failedStep, Exception error, Stopwatch clock)
    {
        var errors = new List<string>();
        foreach (var step in completed.Where(s => s.DescribeCompensation() is not null))
        {
            var compensationError = await RunStepAsync(context.OperationId, step, StepPhase.Compensate, () => step.CompensateAsync(context, CancellationToken.None))
                .ConfigureAwait(false);
            if (compensationError is not null)
            {
                errors.Add($"{step.DescribeCompensation()}: {compensationError.Message}");
            }
        }

        var message = error is OperationCanceledException ? $"{plan.Kind} interrupted" : error.Message;
        return new ExecutionResult(
            context.OperationId,
            errors.Count == 0 ? ExecutionOutcome.RolledBack : ExecutionOutcome.CompensationFailed,
            failedStep,
            message,
            errors,
            clock.Elapsed);
    }

    private async Task<Exception?> RunStepAsync(string operationId, PlanStep step, StepPhase phase, Func<Task> action)
    {
        var number = Interlocked.Increment(ref sequence);
        await NotifyAsync(o => o.StepStartedAsync(operationId, number, step, phase, CancellationToken.None)).ConfigureAwait(false);
        Exception? error = null;
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        await NotifyAsync(o => o.StepEndedAsync(operationId, number, step, phase, error, CancellationToken.None)).ConfigureAwait(false);
        return error;
    }

    private async Task NotifyAsync(Func<IExecutionObserver, Task> call)
    {
        foreach (var observer in observers)
        {
            await call(observer).ConfigureAwait(false);
        }
    }
}
