using Backtrack.Diagnostics;
using Backtrack.Execution;
using Backtrack.Notify;
using Backtrack.Planning;
using Backtrack.Verify;

namespace Backtrack.Operations;

/// <summary>A change in progress: holds the lock (none on a dry run) until disposed, and runs the plan made under it.</summary>
public sealed class OperationSession : IDisposable
{
    private readonly OperationService service;
    private readonly EnvironmentLock? held;

    internal OperationSession(OperationService service, string command, EnvironmentLock? held, IReadOnlyList<OperationRecord> repairing)
    {
        this.service = service;
        this.held = held;
        Command = command;
        Repairing = repairing;
    }

    public string Command { get; }

    /// <summary>The operations a repair session undoes or completes, newest first.</summary>
    public IReadOnlyList<OperationRecord> Repairing { get; }

    /// <summary>
    /// Runs the plan: journaled as data before any step, notified, observed; a repair closes what it repaired.
    /// Services add to what steps reach (a progress view); a command journals it under another line than the
    /// session's (a deploy's automatic rollback names what it detected).
    /// </summary>
    public async Task<OperationOutcome> RunAsync(
        Plan plan, IReadOnlyList<IExecutionObserver> observers, CancellationToken ct, IReadOnlyDictionary<Type, object>? services = null, string? command = null)
    {
        if (held is null)
        {
            throw new InvalidOperationException("a dry run holds no lock and runs nothing");
        }

        var database = await service.DatabaseAsync(ct).ConfigureAwait(false);
        var stepServices = new Dictionary<Type, object>(await service.StepServicesAsync(ct).ConfigureAwait(false));
        foreach (var (type, extra) in services ?? new Dictionary<Type, object>())
        {
            stepServices[type] = extra;
        }

        await using var watch = stepServices.GetValueOrDefault(typeof(RestartWatch)) as RestartWatch;
        var context = new StepContext(plan.Id, service.Clock, stepServices);
        var journal = new Journal(database, service.Clock, command ?? Command);
        using var notifier = NotifyingObserver.FromConfig(service.Config, journal, service.Warnings);
        IExecutionObserver[] all = [TimingTrace.Enabled ? new TracingObserver(journal) : journal, .. observers, notifier];
        var result = await new PlanExecutor(all).ExecuteAsync(plan, context, ct).ConfigureAwait(false);
        if (result.Outcome == ExecutionOutcome.Succeeded && Repairing.Count > 0)
        {
            result = await CloseRepairedAsync(new Journal(database, service.Clock, Command), plan.Id, result).ConfigureAwait(false);
        }

        return new OperationOutcome(plan, result, context.Outputs<VerifyReport>() is [.., var last] ? last : null, context.Outputs<object>());
    }

    public void Dispose() => held?.Dispose();

    private async Task<ExecutionResult> CloseRepairedAsync(Journal journal, string repairId, ExecutionResult result)
    {
        var errors = new List<string>();
        foreach (var operation in Repairing)
        {
            try
            {
                await journal.MarkRepairedAsync(operation.Id, repairId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add($"could not journal that {operation.Id} was repaired: {e.Message}");
            }
        }

        return errors.Count == 0 ? result : result with { ObserverErrors = [.. result.ObserverErrors, .. errors] };
    }
}
