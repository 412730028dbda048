using Backtrack.Configuration;
using Backtrack.Execution;
using Backtrack.Planning;
using Backtrack.State;

namespace Backtrack.Operations;

/// <summary>
/// The one way a change runs, for the CLI, a guard and a page alike: a session holds the environment's
/// lock and refuses while an earlier operation needs a repair; its plan runs through the executor with the
/// journal, the configured notifications and the caller's observers; the outcome comes back as a value.
/// </summary>
public sealed class OperationService(
    EnvironmentConfig config,
    TimeProvider clock,
    Func<CancellationToken, Task<StateDatabase>> database,
    Func<CancellationToken, Task<IReadOnlyDictionary<Type, object>>> stepServices,
    TextWriter warnings)
{
    internal EnvironmentConfig Config => config;

    internal TimeProvider Clock => clock;

    internal TextWriter Warnings => warnings;

    /// <summary>
    /// Starts a change: takes the lock (a dry run takes none: it changes nothing) and refuses, exit 3,
    /// while an operation was interrupted or ended with a failed undo. A swarm environment is refused
    /// first (exit 2): no change runs on one yet.
    /// </summary>
    public Task<OperationSession> BeginAsync(string command, bool dryRun, CancellationToken ct)
    {
        config.RequireCompose();
        return BeginOnAnyBackendAsync(command, dryRun, ct);
    }

    /// <summary>As <see cref="BeginAsync"/>, for the commands that work on a swarm environment too (rollback, record).</summary>
    public Task<OperationSession> BeginOnAnyBackendAsync(string command, bool dryRun, CancellationToken ct) =>
        StartAsync(command, dryRun ? null : EnvironmentLock.Acquire(config.StateDirectory, command, clock), ct);

    /// <summary>
    /// As <see cref="BeginOnAnyBackendAsync"/>, waiting up to WAIT while another command holds the lock (a deploy arriving
    /// while guard rolls back starts once that rollback ended); WAITING is told once that it waits.
    /// </summary>
    public async Task<OperationSession> BeginWaitingAsync(string command, TimeSpan wait, Action<string> waiting, CancellationToken ct) =>
        await StartAsync(command, await EnvironmentLock.AcquireAsync(config.StateDirectory, command, clock, wait, waiting, ct).ConfigureAwait(false), ct)
            .ConfigureAwait(false);

    private async Task<OperationSession> StartAsync(string command, EnvironmentLock? held, CancellationToken ct)
    {
        try
        {
            if ((await NeedingRepairAsync(held, ct).ConfigureAwait(false)) is [var first, ..])
            {
                throw new ConflictException(
                    $"operation {first.Id} ({first.Command}) {(first.Ended is null ? "was interrupted" : "failed and could not undo itself")} and left the stack half-done; "
                    + "run 'backtrack repair' first (nothing was changed)");
            }

            return new OperationSession(this, command, held, []);
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }

    /// <summary>Starts a repair: the lock, and the operations it will close once its plan succeeded.</summary>
    public async Task<OperationSession> BeginRepairAsync(bool dryRun, CancellationToken ct)
    {
        var held = dryRun ? null : EnvironmentLock.Acquire(config.StateDirectory, RepairPlanner.Kind, clock);
        try
        {
            return new OperationSession(this, RepairPlanner.Kind, held, await NeedingRepairAsync(held, ct).ConfigureAwait(false));
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Operations that need a repair, newest first: never ended while nobody runs them, or ended with a
    /// failed undo. Without the lock in hand, read without taking it (read-only commands never do); none
    /// before any state exists.
    /// </summary>
    public async Task<IReadOnlyList<OperationRecord>> NeedingRepairAsync(EnvironmentLock? held, CancellationToken ct)
    {
        if (!Path.Exists(Path.Combine(config.StateDirectory, StateDatabase.FileName)))
        {
            return [];
        }

        var pending = await (await JournalAsync(ct).ConfigureAwait(false)).NeedingRepairAsync(ct).ConfigureAwait(false);
        var running = held is null && EnvironmentLock.IsHeld(config.StateDirectory);
        return running ? pending.Where(o => o.Ended is not null).ToList() : pending;
    }

    internal async Task<JournalReader> JournalAsync(CancellationToken ct) => new(await database(ct).ConfigureAwait(false));

    internal Task<StateDatabase> DatabaseAsync(CancellationToken ct) => database(ct);

    internal Task<IReadOnlyDictionary<Type, object>> StepServicesAsync(CancellationToken ct) => stepServices(ct);
}
