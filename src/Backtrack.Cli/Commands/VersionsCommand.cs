using Backtrack.Cleanup;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Configuration;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>
/// backtrack versions SERVICE: rollback candidates, from the recorded releases and the local images of the
/// same repository; the one running is the container's image (on a swarm, the image of the service's spec).
/// </summary>
public sealed class VersionsCommand : EnvironmentCommand<LogsSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, LogsSettings settings, CancellationToken ct)
    {
        var (image, runningImageId) = await RunningAsync(environment, settings.Service, ct).ConfigureAwait(false);
        var recorder = await environment.RecorderAsync(ct).ConfigureAwait(false);
        var releases = await recorder.Store.ListAsync(200, ct).ConfigureAwait(false);
        var images = await environment.Engine.ListImagesAsync(ImageRepository.Of(image) ?? image, ct).ConfigureAwait(false);
        var candidates = releases
            .Select(r => (r, s: r.Service(settings.Service)))
            .Where(p => p.s is not null)
            .Select(p => new VersionJson($"release {p.r.Id}", p.s!.Image, p.s.ImageId, p.r.Created, p.s.ImageId == runningImageId))
            .Concat(images.Select(i => new VersionJson(
                "local image", string.Join(", ", i.Tags.DefaultIfEmpty("<untagged>")), i.Id, i.Created, i.Id == runningImageId)))
            .ToList();
        if (settings.Json)
        {
            Json.Write<IReadOnlyList<VersionJson>>(candidates);
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("", "SOURCE", "IMAGE", "IMAGE ID", "CREATED");
        foreach (var c in candidates)
        {
            table.AddRow(c.Running ? "[green]*[/]" : "", c.Source, Format.Text(c.Reference), Format.ShortId(c.ImageId), Format.Time(c.Created));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>The image the service runs as written, and its ID (on a swarm, the spec's image as this engine has it).</summary>
    private static async Task<(string Image, string ImageId)> RunningAsync(BacktrackEnvironment environment, string service, CancellationToken ct)
    {
        if (environment.Config.Backend is Backend.Swarm)
        {
            var spec = (await environment.Stack.RequireAsync(environment.Config, service, ct).ConfigureAwait(false)).Details!.Spec!;
            var local = await environment.Engine.InspectImageAsync(spec.Image, ct).ConfigureAwait(false);
            return (spec.Image, local?.Id ?? spec.Image);
        }

        var container = await environment.Inspector.RequireAsync(environment.Config, service, ct).ConfigureAwait(false);
        return (container.Spec.Image, container.ImageId);
    }
}
