using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Compose;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class PinSettings : MutatingSettings
{
    [CommandArgument(0, "[SERVICE]")]
    [Description("Services to pin (default: every service whose Compose file names another image)")]
    public string[] Services { get; init; } = [];
}

/// <summary>backtrack pin: writes the running images into the Compose project so 'docker compose up -d' keeps them.</summary>
public sealed class PinCommand : EnvironmentCommand<PinSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, PinSettings settings, CancellationToken ct)
    {
        using var held = await PlanRunner.LockForChangeAsync(environment, settings, "pin", ct).ConfigureAwait(false);
        var plan = await new PinPlanner(environment.Inspector, environment.Clock).PlanAsync(environment.Config, settings.Services, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(environment, settings, "pin", plan, ct).ConfigureAwait(false);
    }
}
