using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class RecordSettings : EnvironmentSettings
{
    [CommandOption("--note <TEXT>")]
    [Description("A note stored with the release, e.g. the deploy's version")]
    public string? Note { get; init; }
}

/// <summary>backtrack record: stores what runs now as a release (CI/CD calls it after each deploy), as a journaled operation.</summary>
public sealed class RecordCommand : EnvironmentCommand<RecordSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, RecordSettings settings, CancellationToken ct)
    {
        using var session = await environment.Operations.BeginOnAnyBackendAsync("record", dryRun: false, ct).ConfigureAwait(false);
        var plan = new Plan(Plan.NewId(environment.Clock), "record", "record what runs now as a release", [new RecordReleaseStep(0, "record", settings.Note)]);
        var outcome = await session.RunAsync(plan, [], ct).ConfigureAwait(false);
        if (outcome.Outputs.OfType<Release>().FirstOrDefault() is not { } release)
        {
            await PlanRunner.RenderAsync(outcome, settings.Json).ConfigureAwait(false);
            throw new BacktrackException($"nothing was recorded: {outcome.Execution.Error}");
        }

        if (settings.Json)
        {
            Json.Write(ReleasesCommand.ToJson(release, release.Id));
        }
        else
        {
            AnsiConsole.MarkupLine($"recorded release [bold]{release.Id}[/]: "
                + Format.Text(string.Join(", ", release.Services.Select(s => $"{s.Service}={s.Image} ({Format.ShortId(s.ImageId)})"))));
        }

        return ExitCodes.Ok;
    }
}
