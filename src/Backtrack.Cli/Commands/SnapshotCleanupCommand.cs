using Backtrack.Cli.Settings;
using Backtrack.Databases;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack snapshot cleanup: drops the databases that database rollbacks kept aside, after a confirmation.</summary>
public sealed class SnapshotCleanupCommand : EnvironmentCommand<MutatingSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, MutatingSettings settings, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginOnAnyBackendAsync("snapshot cleanup", settings.DryRun, ct).ConfigureAwait(false);
        var plan = await new DatabaseCleanupPlanner(environment.Containers, environment.Clock)
            .PlanAsync(environment.Config, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, plan, ct).ConfigureAwait(false);
    }
}
