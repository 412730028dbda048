using Backtrack.Cli.Settings;
using Backtrack.Rollback;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack repair: finishes what an interrupted rollback left, back to what ran before.</summary>
public sealed class RepairCommand : EnvironmentCommand<MutatingSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, MutatingSettings settings, CancellationToken ct)
    {
        using var held = settings.DryRun ? null : environment.Lock("repair");
        var plan = await new RepairPlanner(environment.Inspector).PlanAsync(environment.Config, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(environment, settings, "repair", plan, ct).ConfigureAwait(false);
    }
}
