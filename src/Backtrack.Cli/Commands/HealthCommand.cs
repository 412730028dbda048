using Backtrack.Cli.Views;
using Backtrack.Configuration;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack health: every configured check, concurrently; exit 1 when one fails.</summary>
public sealed class HealthCommand : EnvironmentCommand<StatusSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, StatusSettings settings, CancellationToken ct)
    {
        var timeout = Durations.Parse(settings.Timeout, "--timeout");
        var rows = await environment.Status.GetAsync(environment.Config, timeout, ct).ConfigureAwait(false);
        var checks = rows.Select(r => new
        {
            service = r.Service,
            container = r.Container,
            check = environment.Config.ServiceOrDefault(r.Service).Health.Describe(),
            healthy = r.Check.Healthy,
            detail = r.Check.Detail,
            latencyMs = r.Check.Latency?.TotalMilliseconds,
        }).ToList();
        if (settings.Json)
        {
            Json.Write(new { healthy = checks.All(c => c.healthy), checks });
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("SERVICE", "CHECK", "RESULT", "LATENCY");
            foreach (var (row, check) in rows.Zip(checks))
            {
                table.AddRow(
                    Format.Text(check.service),
                    Format.Text(check.check),
                    $"{(check.healthy ? "[green]ok[/]" : "[red]FAIL[/]")} {Format.Text(check.detail)}",
                    Format.Duration(row.Check.Latency));
            }

            AnsiConsole.Write(table);
        }

        return checks.All(c => c.healthy) ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
