using Backtrack.Cli.Settings;
using Backtrack.Execution;
using Backtrack.FullSystem;
using Backtrack.Rollback;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack repair: undoes what an interrupted operation left half-done, back to what ran before.</summary>
public sealed class RepairCommand : EnvironmentCommand<MutatingSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, MutatingSettings settings, CancellationToken ct)
    {
        // Holding the lock proves that unfinished operations in the journal are not running: their process died.
        using var held = environment.Lock("repair");
        var interrupted = await environment.InterruptedOperationsAsync(held, ct).ConfigureAwait(false);
        // A killed full rollback is undone by restoring its safety snapshot; anything else by the repair planner.
        var full = interrupted.FirstOrDefault(o => o.Command == FullRollbackPlanner.Command);
        var plan = (full is null ? null : await new FullRollbackPlanner(environment.Engine, environment.Clock).PlanRecoveryAsync(environment.Config, full.Id, ct).ConfigureAwait(false))
            ?? await new RepairPlanner(environment.Inspector, environment.Clock).PlanAsync(environment.Config, interrupted, ct).ConfigureAwait(false);
        var exitCode = await PlanRunner.RunAsync(environment, settings, "repair", plan, ct).ConfigureAwait(false);
        if (exitCode == ExitCodes.Ok && !settings.DryRun)
        {
            var journal = new Journal(await environment.DatabaseAsync(ct).ConfigureAwait(false), environment.Clock, "repair");
            foreach (var operation in interrupted)
            {
                await journal.CloseInterruptedAsync(operation.Id, $"interrupted; repaired by operation {plan.Id}", ct).ConfigureAwait(false);
            }
        }

        return exitCode;
    }
}
