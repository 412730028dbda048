using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack health: every configured check, concurrently; exit 1 when one fails.</summary>
public sealed class HealthCommand : EnvironmentCommand<StatusSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, StatusSettings settings, CancellationToken ct)
    {
        var timeout = Durations.Parse(settings.Timeout, "--timeout");
        var checks = await ChecksAsync(environment, timeout, ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write(new HealthJson(checks.All(c => c.Healthy), checks));
        }
        else
        {
            var onHosts = checks.Any(c => c.Host is not null);
            var table = new Table().Border(TableBorder.Simple).AddColumns([.. onHosts ? ["HOST"] : Array.Empty<string>(), "SERVICE", "CHECK", "RESULT", "LATENCY"]);
            foreach (var check in checks)
            {
                string[] host = onHosts ? [Format.Text(check.Host ?? "-")] : [];
                table.AddRow(
                    [.. host,
                    Format.Text(check.Service),
                    Format.Text(check.Check),
                    $"{(check.Healthy ? "[green]ok[/]" : "[red]FAIL[/]")} {Format.Text(check.Detail)}",
                    Format.Duration(check.LatencyMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null)]);
            }

            AnsiConsole.Write(table);
        }

        return checks.All(c => c.Healthy) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// One check per service. On a swarm a service is healthy when its configured check passes, every
    /// running task passes its own, and as many tasks run as are desired; its container is then null.
    /// </summary>
    private static async Task<IReadOnlyList<HealthRow>> ChecksAsync(BacktrackEnvironment environment, TimeSpan timeout, CancellationToken ct)
    {
        var config = environment.Config;
        if (config.Backend is Backend.Swarm)
        {
            var services = await environment.StackStatus.GetAsync(config, timeout, ct).ConfigureAwait(false);
            return services.Select(s => new HealthRow(
                s.Service, null, config.ServiceOrDefault(s.Service).Health.Describe(), s.Healthy,
                s.Running < s.Desired ? $"{s.Running}/{s.Desired} running; {s.Check.Detail}" : s.Check.Detail,
                s.Check.Latency?.TotalMilliseconds)).ToList();
        }

        var rows = environment.Hosts is { } hosts
            ? await hosts.StatusAsync(timeout, ct).ConfigureAwait(false)
            : await environment.Status.GetAsync(config, timeout, ct).ConfigureAwait(false);
        return rows.Select(r => new HealthRow(
            r.Service, r.Container, CheckOf(environment, r).Describe(), r.Check.Healthy, r.Check.Detail, r.Check.Latency?.TotalMilliseconds) { Host = r.Host }).ToList();
    }

    /// <summary>The check a row was judged by: its host's own where the host sets one.</summary>
    private static HealthCheckSpec CheckOf(BacktrackEnvironment environment, Status.ServiceStatus row) =>
        (environment.Hosts?.All.FirstOrDefault(h => h.Name == row.Host)?.Config ?? environment.Config).ServiceOrDefault(row.Service).Health;
}
