using Backtrack.Planning;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Compose;

/// <summary>
/// Pins a service whose image line has no variable: an override file compose.backtrack.yaml names the
/// running image, and COMPOSE_FILE in .env adds it to the project's files for 'docker compose up -d'.
/// </summary>
[StepKind("compose.pin-override")]
public sealed record PinOverrideStep(string Service, ComposeProjectFiles Files, string Image, string? PreviousOverride, string? PreviousComposeFile)
    : PlanStep(0, "compose")
{
    private string OverridePath => Path.Combine(Files.WorkingDirectory, ComposeProjectFiles.OverrideFileName);

    public override string Describe() => $"write image {Image} for {Service} into {OverridePath} and add it to COMPOSE_FILE in .env";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var current = File.Exists(OverridePath) ? await File.ReadAllTextAsync(OverridePath, ct).ConfigureAwait(false) : null;
        var root = current is null ? new YamlMappingNode() : (YamlMappingNode)Load(current);
        var services = root.Children.TryGetValue(new YamlScalarNode("services"), out var node) ? (YamlMappingNode)node : new YamlMappingNode();
        root.Children[new YamlScalarNode("services")] = services;
        services.Children[new YamlScalarNode(Service)] = new YamlMappingNode(new YamlScalarNode("image"), new YamlScalarNode(Image));
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        await File.WriteAllTextAsync(OverridePath, "# Written by 'backtrack pin': the images Backtrack rolled back to.\n" + writer, ct).ConfigureAwait(false);

        var files = Files.ConfigFiles.Select(f => Path.GetRelativePath(Files.WorkingDirectory, f)).Append(ComposeProjectFiles.OverrideFileName).Distinct();
        await EnvFile.SetAsync(Files.EnvFilePath, "COMPOSE_FILE", string.Join(':', files), ct).ConfigureAwait(false);
    }

    public override string DescribeCompensation() => $"put {OverridePath} and COMPOSE_FILE back as they were";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (PreviousOverride is null)
        {
            File.Delete(OverridePath);
        }
        else
        {
            await File.WriteAllTextAsync(OverridePath, PreviousOverride, ct).ConfigureAwait(false);
        }

        await EnvFile.SetAsync(Files.EnvFilePath, "COMPOSE_FILE", PreviousComposeFile, ct).ConfigureAwait(false);
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : new YamlMappingNode();
    }
}
