using Backtrack.Cli.Views;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>backtrack versions SERVICE: rollback candidates, from the recorded releases and the local images of the same repository.</summary>
public sealed class VersionsCommand : EnvironmentCommand<LogsSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, LogsSettings settings, CancellationToken ct)
    {
        var container = await environment.Inspector.RequireAsync(environment.Config, settings.Service, ct).ConfigureAwait(false);
        var recorder = await environment.RecorderAsync(ct).ConfigureAwait(false);
        var releases = await recorder.Store.ListAsync(200, ct).ConfigureAwait(false);
        var image = container.Spec.Image;
        var repository = image.LastIndexOf(':') > image.LastIndexOf('/') ? image[..image.LastIndexOf(':')] : image;
        var images = await environment.Engine.ListImagesAsync(repository, ct).ConfigureAwait(false);
        var candidates = releases
            .Select(r => (r, s: r.Service(settings.Service)))
            .Where(p => p.s is not null)
            .Select(p => new { source = $"release {p.r.Id}", reference = p.s!.Image, imageId = p.s.ImageId, created = p.r.Created, running = p.s.ImageId == container.ImageId })
            .Concat(images.Select(i => new
            {
                source = "local image",
                reference = string.Join(", ", i.Tags.DefaultIfEmpty("<untagged>")),
                imageId = i.Id,
                created = i.Created,
                running = i.Id == container.ImageId,
            }))
            .ToList();
        if (settings.Json)
        {
            Json.Write(candidates);
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("", "SOURCE", "IMAGE", "IMAGE ID", "CREATED");
        foreach (var c in candidates)
        {
            table.AddRow(c.running ? "[green]*[/]" : "", c.source, Format.Text(c.reference), Format.ShortId(c.imageId), Format.Time(c.created));
        }

        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
