using System.ComponentModel;
using System.Globalization;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Backtrack.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class ReportSettings : EnvironmentSettings
{
    [CommandArgument(0, "[OPERATION]")]
    [Description("The operation to report on (default: the latest rollback)")]
    public string? Operation { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Every operation since a time (2025-11-24T15:00Z) or for a duration back (2h)")]
    public string? Since { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("md or html")]
    [DefaultValue("md")]
    public string Format { get; init; } = "md";

    /// <summary>Here -o names the output file ("table", the default, and "-" mean standard output).</summary>
    public string? File => Output is "table" or "-" ? null : Output;

    public override ValidationResult Validate() =>
        Operation is not null && Since is not null ? ValidationResult.Error("give an OPERATION or --since, not both") : ValidationResult.Success();
}

/// <summary>backtrack report: the incident report from the journal, as Markdown or HTML, to stdout or -o FILE.</summary>
public sealed class ReportCommand : EnvironmentCommand<ReportSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, ReportSettings settings, CancellationToken ct)
    {
        var since = settings.Since is null ? (DateTimeOffset?)null : ParseSince(settings.Since, environment.Clock);
        var source = new IncidentReportSource(
            await environment.JournalAsync(ct).ConfigureAwait(false),
            new Releases.ReleaseStore(await environment.DatabaseAsync(ct).ConfigureAwait(false)),
            await environment.VerificationsAsync(ct).ConfigureAwait(false));
        var text = await source.RenderAsync(environment.Config.Name, settings.Operation, since, settings.Format, ct).ConfigureAwait(false);
        if (settings.File is { } file)
        {
            await System.IO.File.WriteAllTextAsync(file, text, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"wrote {Format.Text(Path.GetFullPath(file))}");
        }
        else
        {
            await Console.Out.WriteAsync(text).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static DateTimeOffset ParseSince(string text, TimeProvider clock)
    {
        if (Durations.IsDuration(text))
        {
            return clock.GetUtcNow() - Durations.Parse(text, "--since", Durations.LookBackMaximum);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new BacktrackException($"--since: '{text}' is neither a time (2025-11-24T15:00Z) nor a duration (2h)");
    }
}
