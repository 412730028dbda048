using Backtrack.Rollback;
using Backtrack.Verify;
using Backtrack.Cli.Settings;
using Backtrack.Scenarios;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack fix model PATH: one file back from git history, the service restarted on it, a health gate.</summary>
public sealed class FixModelCommand : EnvironmentCommand<FixModelSettings>
{
    protected override string OnSwarmInstead =>
        "fix model restarts one container on a file of the deploy repository; a swarm task reads its files from its image, configs or volumes: 'backtrack rollback service SERVICE --to RELEASE'";

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, FixModelSettings settings, CancellationToken ct)
    {
        var command = $"fix model {settings.Path}";
        using var session = await environment.Operations.BeginAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        var plan = await new ModelFixPlanner(environment.Inspector, environment.Clock)
            .PlanAsync(environment.Config, settings.Path, settings.To, settings.Restart!, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
    }
}
