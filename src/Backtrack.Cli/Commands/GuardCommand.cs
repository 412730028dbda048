using System.ComponentModel;
using System.Runtime.InteropServices;
using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Backtrack.Guard;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class GuardSettings : EnvironmentSettings
{
    [CommandOption("--window <DURATION>")]
    [Description("How long every service is watched after a deploy (default: guard.window in the config, 2m)")]
    public string? Window { get; init; }
}

/// <summary>backtrack guard [--window 2m]: runs in the foreground until SIGTERM or SIGINT; a rollback in progress finishes first.</summary>
public sealed class GuardCommand : EnvironmentCommand<GuardSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, GuardSettings settings, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var kit = await environment.GuardKitAsync(stop.Token).ConfigureAwait(false);
        if (settings.Window is { } window)
        {
            kit = kit with { Env = kit.Env with { Guard = kit.Env.Guard with { Window = Durations.Parse(window, "--window") } } };
        }

        using var guard = new GuardService(kit, Console.Out);
        await guard.RunAsync(stop.Token).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
