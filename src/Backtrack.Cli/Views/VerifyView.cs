using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Verify;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>The checklist as a pass/fail table, and its JSON form.</summary>
public static class VerifyView
{
    public static void Render(VerifyReport report, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var table = new Table().Border(TableBorder.Simple).AddColumns("CHECK", "SUBJECT", "RESULT", "DETAIL");
        foreach (var check in report.Checks)
        {
            table.AddRow(
                Format.Text(check.Check),
                Format.Text(check.Subject),
                check.Passed ? "[green]pass[/]" : "[red]FAIL[/]",
                Format.Text(check.Detail));
        }

        console.Write(table);
        console.MarkupLine(report.Passed
            ? $"[green]verification passed: {report.Checks.Count} checks[/]"
            : $"[red]verification failed: {report.Checks.Count(c => !c.Passed)} of {report.Checks.Count} checks[/]");
    }

    public static VerifyJson ToJson(VerifyReport report) =>
        new(report.Passed, report.At, report.Window.TotalSeconds, report.Checks.Select(c => new VerifyCheckJson(c.Check, c.Subject, c.Passed, c.Detail)).ToList());
}
