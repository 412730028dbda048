using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Backtrack.Releases;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class ReleasesSettings : EnvironmentSettings
{
    [CommandArgument(0, "[SERVICE]")]
    [Description("Only this service")]
    public string? Service { get; init; }

    [CommandOption("--limit <N>")]
    [DefaultValue(20)]
    public int Limit { get; init; } = 20;
}

/// <summary>backtrack releases [SERVICE]: the history, newest first, the one matching what runs now marked current.</summary>
public sealed class ReleasesCommand : EnvironmentCommand<ReleasesSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override bool WorksOnHosts => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, ReleasesSettings settings, CancellationToken ct)
    {
        var (releases, current) = await ListAsync(environment, settings.Limit, ct).ConfigureAwait(false);
        var shown = releases
            .Select(r => settings.Service is null ? r : r with { Services = r.Services.Where(s => Names(s, settings.Service)).ToList() })
            .Where(r => r.Services.Count > 0)
            .ToList();
        if (settings.Json)
        {
            Json.Write<IReadOnlyList<ReleaseJson>>(shown.Select(r => ToJson(r, current)).ToList());
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("", "RELEASE", "CREATED", "ORIGIN", "COMMIT", "SERVICE", "IMAGE", "IMAGE ID", "HEALTHY", "NOTE");
        foreach (var release in shown)
        {
            foreach (var service in release.Services)
            {
                table.AddRow(
                    release.Id == current ? "[green]*[/]" : "",
                    release.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Format.Time(release.Created),
                    Format.Text(release.Origin),
                    release.GitCommit is { } commit ? Git.GitRepository.Abbrev(commit) : "-",
                    Format.Text(service.Service),
                    Format.Text(service.Image),
                    Format.ShortId(service.ImageId),
                    service.Healthy ? "yes" : "[red]no[/]",
                    Format.Text(release.Note ?? ""));
            }
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>The newest releases and the one matching what runs now (null when none does).</summary>
    public static async Task<(IReadOnlyList<Release> Releases, long? Current)> ListAsync(BacktrackEnvironment environment, int limit, CancellationToken ct)
    {
        var recorder = await environment.RecorderAsync(ct).ConfigureAwait(false);
        var releases = await recorder.Store.ListAsync(limit, ct).ConfigureAwait(false);
        var running = await RunningAsync(environment, ct).ConfigureAwait(false);
        return (releases, releases.FirstOrDefault(r => r.Services.All(s => running.GetValueOrDefault(s.Service) == (s.ServiceSpec?.TaskDigest ?? s.ImageId)))?.Id);
    }

    /// <summary>What each service runs now: a container's image ID, a swarm service's task spec digest.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> RunningAsync(BacktrackEnvironment environment, CancellationToken ct) =>
        environment.Hosts is { } hosts ? await hosts.RunningImageIdsAsync(ct).ConfigureAwait(false)
        : environment.Config.Backend is Backend.Swarm
            ? (await environment.Stack.ServicesAsync(environment.Config, ct).ConfigureAwait(false))
                .Where(s => s.Details?.Spec is not null)
                .ToDictionary(s => s.Service, s => s.Details!.Spec!.TaskDigest)
            : (await environment.Inspector.ServicesAsync(environment.Config, ct).ConfigureAwait(false))
                .Where(s => s.Container is not null)
                .ToDictionary(s => s.Service, s => s.Container!.ImageId);

    /// <summary>Whether a release row is the service asked for: SERVICE, or HOST/SERVICE on any host of an environment with hosts.</summary>
    private static bool Names(ServiceRelease row, string service) =>
        row.Service == service || row.Service.EndsWith("/" + service, StringComparison.Ordinal);

    /// <summary>Releases as JSON: images and env variable names, never env values.</summary>
    public static ReleaseJson ToJson(Release release, long? current) => new(
        release.Id,
        release.Id == current,
        release.Created,
        release.Origin,
        release.Note,
        release.GitCommit,
        release.OperationId,
        release.Services.Select(s => new ReleaseServiceJson(
            s.Service, s.ContainerName, s.Image, s.ImageId, s.Healthy, s.Spec.EnvNames, s.Spec.Networks.Select(n => n.Network))).ToList());
}
