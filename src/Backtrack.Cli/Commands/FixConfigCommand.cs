using Backtrack.Rollback;
using Backtrack.Verify;
using Backtrack.Cli.Settings;
using Backtrack.Scenarios;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack fix config: .env back from a saved copy, the services using a changed key recreated, a health gate.</summary>
public sealed class FixConfigCommand : EnvironmentCommand<FixConfigSettings>
{
    protected override string OnSwarmInstead =>
        "fix config restores a Compose project's .env; a stack's configuration is its service specs and swarm configs: 'backtrack rollback service SERVICE --to RELEASE' applies a recorded spec, config references included";

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, FixConfigSettings settings, CancellationToken ct)
    {
        const string command = "fix config";
        using var session = await environment.Operations.BeginAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        var plan = await new ConfigFixPlanner(environment.Inspector, environment.Clock).PlanAsync(environment.Config, settings.From, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
    }
}
