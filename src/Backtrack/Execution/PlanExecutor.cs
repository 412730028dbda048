using System.Collections.Concurrent;
using System.Diagnostics;
using Backtrack.Planning;

namespace Backtrack.Execution;

/// <summary>
/// Runs a plan: wave after wave, the lanes of a wave in parallel, the steps of a lane in order. When a
/// step fails, the other lanes stop after their current step and every completed step is undone, newest
/// first, so a failed operation leaves things as they were. Observers see every step. A step whose start
/// an observer could not take (the journal on a full disk) is not run: it fails, and what ran before is
/// undone all the same; the observer's error is reported beside the outcome.
/// </summary>
public sealed class PlanExecutor(IReadOnlyList<IExecutionObserver> observers)
{
    private readonly ConcurrentQueue<string> observerErrors = new();
    private int sequence;

    public async Task<ExecutionResult> ExecuteAsync(Plan plan, StepContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var completed = new ConcurrentStack<PlanStep>();
        (PlanStep? Step, Exception Error)? failure = null;
        if (await NotifyAsync(o => o.OperationStartedAsync(context.OperationId, plan, ct)).ConfigureAwait(false) is { } journalError)
        {
            failure = (null, journalError);
        }

        using var stop = new CancellationTokenSource();
        foreach (var wave in failure is null ? plan.Waves() : [])
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
        return result with { ObserverErrors = observerErrors.Distinct().ToList() };
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
        Plan plan, StepContext context, ConcurrentStack<PlanStep> completed, PlanStep? failedStep, Exception error, Stopwatch clock)
    {
        var errors = new List<string>();
        var changing = completed.Where(s => s.DescribeCompensation() is not null).ToList();
        foreach (var step in changing)
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
            clock.Elapsed)
        {
            ChangedAnything = changing.Count > 0,
            Conflict = error is ConflictException,
        };
    }

    /// <summary>Runs one step between its observer calls; a start no observer could take fails the step before it runs.</summary>
    private async Task<Exception?> RunStepAsync(string operationId, PlanStep step, StepPhase phase, Func<Task> action)
    {
        var number = Interlocked.Increment(ref sequence);
        var error = await NotifyAsync(o => o.StepStartedAsync(operationId, number, step, phase, CancellationToken.None)).ConfigureAwait(false);
        if (error is null || phase == StepPhase.Compensate)
        {
            try
            {
                await action().ConfigureAwait(false);
                error = null;
            }
            catch (Exception e)
            {
                error = e;
            }
        }

        await NotifyAsync(o => o.StepEndedAsync(operationId, number, step, phase, error, CancellationToken.None)).ConfigureAwait(false);
        return error;
    }

    /// <summary>Calls every observer; the first failure is returned (and kept for the result), the others still called.</summary>
    private async Task<Exception?> NotifyAsync(Func<IExecutionObserver, Task> call)
    {
        Exception? first = null;
        foreach (var observer in observers)
        {
            try
            {
                await call(observer).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                first ??= new BacktrackException($"could not journal: {e.Message}", e);
                observerErrors.Enqueue(first.Message);
            }
        }

        return first;
    }
}
