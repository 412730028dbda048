using System.Text.RegularExpressions;
using Backtrack.Drift;
using Backtrack.Secrets;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Compose;

/// <summary>
/// The Compose files of a project, found through the labels Compose puts on its containers, read for
/// the services' image lines, with variables resolved from the project's .env file as Compose does. A swarm
/// stack file is in the same format: read through this class too, with the env file its operator deploys with.
/// </summary>
public sealed partial class ComposeProjectFiles(string workingDirectory, IReadOnlyList<string> configFiles, string? envFilePath = null)
{
    public const string OverrideFileName = "compose.backtrack.yaml";

    public string WorkingDirectory { get; } = workingDirectory;

    public IReadOnlyList<string> ConfigFiles { get; } = configFiles;

    /// <summary>The file the variables come from: the project's .env unless another is named.</summary>
    public string EnvFilePath { get; } = envFilePath ?? Path.Combine(workingDirectory, ".env");

    /// <summary>The project's files from a container's labels; null when they are not on this host.</summary>
    public static ComposeProjectFiles? FromLabels(IReadOnlyDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(ComposeLabels.WorkingDir, out var dir) || !labels.TryGetValue(ComposeLabels.ConfigFiles, out var files))
        {
            return null;
        }

        var paths = files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Path.GetFullPath(f, dir))
            .ToList();
        return paths.Count > 0 && paths.All(File.Exists) ? new ComposeProjectFiles(dir, paths) : null;
    }

    /// <summary>Every service's image line; later files override earlier ones, as in Compose.</summary>
    public async Task<IReadOnlyDictionary<string, ImageLine>> ImageLinesAsync(CancellationToken ct)
    {
        var variables = await ReadEnvFileAsync(EnvFilePath, ct).ConfigureAwait(false);
        var lines = new Dictionary<string, ImageLine>();
        foreach (var (file, name, service) in await ServiceDefinitionsAsync(ct).ConfigureAwait(false))
        {
            if (service is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("image"), out var image)
                && image is YamlScalarNode { Value: { } raw })
            {
                lines[name] = new ImageLine(name, raw, Interpolate(raw, variables), file);
            }
        }

        return lines;
    }

    /// <summary>Each service definition of each file, in file order: (file, service name, its node).</summary>
    public async Task<IReadOnlyList<(string File, string Service, YamlNode Definition)>> ServiceDefinitionsAsync(CancellationToken ct)
    {
        var definitions = new List<(string, string, YamlNode)>();
        foreach (var file in ConfigFiles)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("services"), out var services) && services is YamlMappingNode serviceMap)
            {
                definitions.AddRange(serviceMap.Children.Select(s => (file, ((YamlScalarNode)s.Key).Value!, s.Value)));
            }
        }

        return definitions;
    }

    /// <summary>Compose's ${VAR}, ${VAR:-default}, ${VAR-default} and $VAR.</summary>
    internal static string Interpolate(string text, IReadOnlyDictionary<string, string> variables) =>
        VariablePattern().Replace(text, m =>
        {
            var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value;
            var has = variables.TryGetValue(name, out var value);
            return m.Groups["op"].Value switch
            {
                ":-" => has && value!.Length > 0 ? value : m.Groups["default"].Value,
                "-" => has ? value! : m.Groups["default"].Value,
                _ => value ?? "",
            };
        });

    /// <summary>The variable a pin can set: the image line is PREFIX${VAR...}SUFFIX and the image matches around it.</summary>
    internal static (string Variable, string Value)? PinVariable(string raw, string image)
    {
        var matches = VariablePattern().Matches(raw);
        if (matches.Count != 1)
        {
            return null;
        }

        var m = matches[0];
        var prefix = raw[..m.Index];
        var suffix = raw[(m.Index + m.Length)..];
        if (!image.StartsWith(prefix, StringComparison.Ordinal) || !image.EndsWith(suffix, StringComparison.Ordinal) || image.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }

        var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value;
        return (name, image[prefix.Length..^suffix.Length]);
    }

    /// <summary>KEY=VALUE lines of a .env file; comments and blank lines skipped, quotes removed. Its secret values are learned.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadEnvFileAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        var variables = (await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0].Trim())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim().Trim('"', '\''));
        SecretRegistry.AddEnv(variables.Select(v => $"{v.Key}={v.Value}"));
        return variables;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    internal static partial Regex VariablePattern();
}
