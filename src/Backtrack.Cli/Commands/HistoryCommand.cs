using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class HistorySettings : EnvironmentSettings
{
    [CommandOption("--limit <N>")]
    [DefaultValue(10)]
    public int Limit { get; init; } = 10;
}

/// <summary>backtrack history: the journal, operations newest first with every step.</summary>
public sealed class HistoryCommand : EnvironmentCommand<HistorySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, HistorySettings settings, CancellationToken ct)
    {
        var journal = await environment.JournalAsync(ct).ConfigureAwait(false);
        var operations = await journal.ListAsync(settings.Limit, ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write(operations);
            return ExitCodes.Ok;
        }

        foreach (var operation in operations)
        {
            AnsiConsole.MarkupLine($"[bold]{operation.Id}[/] {Format.Text(operation.Command)}  {Format.Time(operation.Started)}  "
                + $"{Format.Text(operation.Outcome ?? "unfinished")}{(operation.Error is null ? "" : ": " + Format.Text(operation.Error))}");
            foreach (var step in operation.Steps)
            {
                var took = step.Ended is { } ended ? Format.Duration(ended - step.Started) : "-";
                AnsiConsole.MarkupLine($"  {step.Started.ToLocalTime():HH:mm:ss.fff} {(step.Phase == "compensate" ? "undo " : "")}"
                    + $"[blue]{Format.Text(step.Lane)}[/]: {Format.Text(step.Description)} [grey]{Format.Text(step.Outcome ?? "unfinished")} ({took})[/]"
                    + (step.Error is null ? "" : $" [red]{Format.Text(step.Error)}[/]"));
            }
        }

        return ExitCodes.Ok;
    }
}
