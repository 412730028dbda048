using Backtrack.Cli.Settings;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack cleanup: the plan (--dry-run lists what would go), confirmed, then run and journaled.</summary>
public sealed class CleanupCommand : EnvironmentCommand<MutatingSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, MutatingSettings settings, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginOnAnyBackendAsync("cleanup", settings.DryRun, ct).ConfigureAwait(false);
        var planner = await environment.CleanupPlannerAsync(ct).ConfigureAwait(false);
        var plan = await planner.PlanAsync(environment.Config, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, plan, ct).ConfigureAwait(false);
    }
}
