using Backtrack.Cli.Settings;
using Backtrack.Scenarios;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack fix config: .env back from a saved copy, the services using a changed key recreated, a health gate.</summary>
public sealed class FixConfigCommand : EnvironmentCommand<FixConfigSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, FixConfigSettings settings, CancellationToken ct)
    {
        const string command = "fix config";
        using var held = await PlanRunner.LockForChangeAsync(environment, settings, command, ct).ConfigureAwait(false);
        var plan = await new ConfigFixPlanner(environment.Inspector, environment.Clock).PlanAsync(environment.Config, settings.From, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(environment, settings, command, plan, ct).ConfigureAwait(false);
    }
}
