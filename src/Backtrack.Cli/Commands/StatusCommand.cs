using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Backtrack.Status;
using Backtrack.Swarm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class StatusSettings : EnvironmentSettings
{
    [CommandOption("--timeout <DURATION>")]
    [Description("Timeout of each health check (default 2s)")]
    [DefaultValue("2s")]
    public string Timeout { get; init; } = "2s";
}

/// <summary>backtrack status: one row per service, exit 1 when any is down or unhealthy.</summary>
public sealed class StatusCommand : EnvironmentCommand<StatusSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, StatusSettings settings, CancellationToken ct)
    {
        var timeout = Durations.Parse(settings.Timeout, "--timeout");
        var interrupted = await InterruptedAsync(environment, ct).ConfigureAwait(false);
        if (environment.Config.Backend is Backend.Swarm)
        {
            return await StackAsync(environment, settings, timeout, interrupted, ct).ConfigureAwait(false);
        }

        var rows = environment.Hosts is { } hosts
            ? await hosts.StatusAsync(timeout, ct).ConfigureAwait(false)
            : await environment.Status.GetAsync(environment.Config, timeout, ct).ConfigureAwait(false);
        var healthy = rows.All(r => r.Healthy) && interrupted.Count == 0;
        if (settings.Json)
        {
            Json.Write(ToJson(environment.Config, rows, interrupted));
        }
        else
        {
            Render(rows);
            interrupted.ToList().ForEach(line => AnsiConsole.MarkupLine($"[yellow]{Format.Text(line)}[/]"));
        }

        return healthy ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>One line per operation that needs a repair.</summary>
    public static async Task<IReadOnlyList<string>> InterruptedAsync(BacktrackEnvironment environment, CancellationToken ct) =>
        (await environment.Operations.NeedingRepairAsync(null, ct).ConfigureAwait(false))
            .Select(o => $"operation {o.Id} ({o.Command}, started {Format.Time(o.Started)}) {(o.Ended is null ? "was interrupted" : "failed and could not undo itself")}; run 'backtrack repair'")
            .ToList();

    /// <summary>A Compose environment's status as JSON (status -o json and the status page).</summary>
    public static StatusJson ToJson(EnvironmentConfig config, IReadOnlyList<ServiceStatus> rows, IReadOnlyList<string> interrupted) =>
        new(config.Name, config.Project, rows.All(r => r.Healthy) && interrupted.Count == 0, interrupted, rows);

    /// <summary>A swarm environment's status as JSON (status -o json and the status page).</summary>
    public static StackStatusJson StackJson(EnvironmentConfig config, IReadOnlyList<StackServiceStatus> rows, IReadOnlyList<string> interrupted) =>
        new(config.Name, config.Backend, config.Project, config.StackFile?.Path, rows.All(r => r.Healthy) && interrupted.Count == 0, interrupted, rows);

    private static async Task<int> StackAsync(
        BacktrackEnvironment environment, StatusSettings settings, TimeSpan timeout, IReadOnlyList<string> interrupted, CancellationToken ct)
    {
        var rows = await environment.StackStatus.GetAsync(environment.Config, timeout, ct).ConfigureAwait(false);
        var healthy = rows.All(r => r.Healthy) && interrupted.Count == 0;
        if (settings.Json)
        {
            Json.Write(StackJson(environment.Config, rows, interrupted));
        }
        else
        {
            StackStatusView.Render(rows, environment.Clock.GetUtcNow());
            if (environment.Config.StackFile is null)
            {
                AnsiConsole.MarkupLine($"[grey]{Format.Text(StackDrift.Unknown(environment.Config))}[/]");
            }

            interrupted.ToList().ForEach(line => AnsiConsole.MarkupLine($"[yellow]{Format.Text(line)}[/]"));
        }

        return healthy ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Render(IReadOnlyList<ServiceStatus> rows)
    {
        // The host column only where there are hosts: one table over all of them.
        var onHosts = rows.Any(r => r.Host is not null);
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in (onHosts ? ["HOST"] : Array.Empty<string>()).Concat(["SERVICE", "CONTAINER", "STATE", "IMAGE", "IMAGE ID", "HEALTH", "CHECK", "UPTIME", "RESTARTS"]))
        {
            table.AddColumn(column);
        }

        foreach (var row in rows)
        {
            var check = $"{(row.Check.Healthy ? "[green]ok[/]" : "[red]FAIL[/]")} {Format.Text(row.Check.Detail)}"
                + (row.Check.Latency is { } latency ? $" ({Format.Duration(latency)})" : "");
            string[] cells = [
                Format.Text(row.Service),
                Format.Text(row.Container ?? "-"),
                row.State == "running" ? "running" : $"[red]{Format.Text(row.State)}[/]",
                Format.Text(row.Image ?? "-"),
                Format.ShortId(row.ImageId),
                Format.Text(row.DockerHealth ?? "-"),
                check,
                Format.Duration(row.Uptime),
                row.RestartCount.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            table.AddRow(onHosts ? [Format.Text(row.Host ?? "-"), .. cells] : cells);
        }

        AnsiConsole.Write(table);
        foreach (var row in rows)
        {
            foreach (var problem in row.Problems.Append(row.Drift).OfType<string>())
            {
                AnsiConsole.MarkupLine($"[yellow]{Format.Text(Named(row))}: {Format.Text(problem)}[/]");
            }
        }

        var unhealthy = rows.Where(r => !r.Healthy).Select(Named).ToList();
        AnsiConsole.MarkupLine(unhealthy.Count == 0
            ? "[green]all services healthy[/]"
            : $"[red]unhealthy: {Format.Text(string.Join(", ", unhealthy))}[/]");
    }

    /// <summary>A service as the lines under the table name it: HOST/SERVICE where there are hosts.</summary>
    private static string Named(ServiceStatus row) => row.Host is null ? row.Service : Releases.Release.HostService(row.Host, row.Service);
}
