using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class RecordSettings : EnvironmentSettings
{
    [CommandOption("--note <TEXT>")]
    [Description("A note stored with the release, e.g. the deploy's version")]
    public string? Note { get; init; }
}

/// <summary>backtrack record: stores what runs now as a release (CI/CD calls it after each deploy).</summary>
public sealed class RecordCommand : EnvironmentCommand<RecordSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, RecordSettings settings, CancellationToken ct)
    {
        using var held = environment.Lock("record");
        var recorder = await environment.RecorderAsync(ct).ConfigureAwait(false);
        var release = await recorder.RecordAsync(environment.Config, "record", settings.Note, null, ct).ConfigureAwait(false);
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
