using System.Globalization;
using Backtrack.Status;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>'backtrack status' of a swarm stack: a row per service, its tasks beneath it, then problems and the verdict.</summary>
public static class StackStatusView
{
    public static void Render(IReadOnlyList<StackServiceStatus> rows, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("SERVICE / TASK", "REPLICAS / NODE", "STATE", "IMAGE", "UPDATE", "CHECK", "SINCE");
        foreach (var row in rows)
        {
            table.AddRow(
                Format.Text(row.Service),
                row.Running >= row.Desired && row.Name is not null
                    ? $"{row.Running}/{row.Desired}"
                    : $"[red]{row.Running}/{row.Desired}[/]",
                Format.Text(row.Mode?.ToString().ToLowerInvariant() ?? "missing"),
                Format.Text(row.Image ?? "-"),
                Format.Text(row.Update is { } update ? update.State : "-"),
                Check(row.Check),
                "");
            foreach (var task in row.Tasks)
            {
                table.AddRow(
                    Format.Text($"  {(task.Slot is { } slot and > 0 ? $"{row.Service}.{slot.ToString(CultureInfo.InvariantCulture)}" : row.Service)} {Format.ShortId(task.Id)}"),
                    Format.ShortId(task.Node),
                    task.State == Engine.TaskState.Running ? "running" : $"[yellow]{Format.Text(task.State.ToString().ToLowerInvariant())}[/]",
                    Format.Text(task.Error ?? ""),
                    "",
                    task.Check is { } check ? Check(check) : "-",
                    Format.Duration(task.Since is { } since ? now - since : null));
            }
        }

        AnsiConsole.Write(table);
        foreach (var row in rows)
        {
            var update = row.Update is { Message: { } message } ? [$"update {row.Update.State}: {message}"] : Array.Empty<string>();
            foreach (var problem in row.Problems.Concat(update).Append(row.Drift).OfType<string>())
            {
                AnsiConsole.MarkupLine($"[yellow]{Format.Text(row.Service)}: {Format.Text(problem)}[/]");
            }
        }

        var unhealthy = rows.Where(r => !r.Healthy).Select(r => r.Service).ToList();
        AnsiConsole.MarkupLine(unhealthy.Count == 0
            ? "[green]all services healthy[/]"
            : $"[red]unhealthy: {Format.Text(string.Join(", ", unhealthy))}[/]");
    }

    private static string Check(Health.HealthResult check) =>
        $"{(check.Healthy ? "[green]ok[/]" : "[red]FAIL[/]")} {Format.Text(check.Detail)}"
        + (check.Latency is { } latency ? $" ({Format.Duration(latency)})" : "");
}
