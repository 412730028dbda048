using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class VerifySettings : EnvironmentSettings
{
    [CommandOption("--window <DURATION>")]
    [Description("How far back the services' logs are searched for error lines")]
    [DefaultValue("5m")]
    public string Window { get; init; } = "5m";
}

/// <summary>backtrack verify: the runbook's post-rollback checklist as a pass/fail table; exit 1 when a check fails.</summary>
public sealed class VerifyCommand : EnvironmentCommand<VerifySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, VerifySettings settings, CancellationToken ct)
    {
        var window = Durations.Parse(settings.Window, "--window");
        var report = await environment.Verifier.RunAsync(environment.Config, window, ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write(VerifyView.ToJson(report));
        }
        else
        {
            VerifyView.Render(report);
        }

        return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
