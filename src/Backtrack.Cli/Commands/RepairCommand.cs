using Backtrack.Cli.Settings;

namespace Backtrack.Cli.Commands;

/// <summary>
/// backtrack repair: rebuilds every operation that was interrupted or could not undo itself from the
/// journal and undoes what it changed, newest first (or completes it forward past a point of no return).
/// </summary>
public sealed class RepairCommand : EnvironmentCommand<MutatingSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, MutatingSettings settings, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginRepairAsync(settings.DryRun, ct).ConfigureAwait(false);
        if (session.Repairing.Count == 0)
        {
            await Console.Out.WriteLineAsync("nothing to repair: no operation was interrupted or left a failed undo").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var planner = await environment.RepairPlannerAsync(ct).ConfigureAwait(false);
        var plan = await planner.PlanAsync(session.Repairing, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, plan, ct).ConfigureAwait(false);
    }
}
