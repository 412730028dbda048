using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Swarm;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class PinSettings : MutatingSettings
{
    [CommandArgument(0, "[SERVICE]")]
    [Description("Services to pin (default: every service whose Compose or stack file names another image)")]
    public string[] Services { get; init; } = [];
}

/// <summary>backtrack pin: writes the running images into the Compose project (or the swarm stack file) so the next deploy keeps them.</summary>
public sealed class PinCommand : EnvironmentCommand<PinSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, PinSettings settings, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginOnAnyBackendAsync("pin", settings.DryRun, ct).ConfigureAwait(false);
        var plan = environment.Config.Backend is Backend.Swarm
            ? await new StackPinPlanner(environment.Stack, environment.Clock).PlanAsync(environment.Config, settings.Services, ct).ConfigureAwait(false)
            : await new PinPlanner(environment.Inspector, environment.Clock).PlanAsync(environment.Config, settings.Services, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, plan, ct).ConfigureAwait(false);
    }
}
