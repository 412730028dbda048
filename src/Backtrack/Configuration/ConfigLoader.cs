using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

/// <summary>
/// Reads backtrack.yml through YamlDotNet's node model, so that every error names the file, the line
/// and the key that is wrong.
/// </summary>
public static class ConfigLoader
{
    private static readonly HashSet<string> EnvironmentKeys =
        ["engine", "project", "stateDir", "healthTimeout", "stopTimeout", "keepAside", "services"];

    private static readonly HashSet<string> ServiceKeys = ["health"];

    /// <summary>Finds the file: the explicit path, else backtrack.yml in the working directory.</summary>
    public static string Locate(string? explicitPath, string workingDirectory)
    {
        var path = Path.GetFullPath(explicitPath ?? Path.Combine(workingDirectory, BacktrackConfig.DefaultFileName));
        if (!File.Exists(path))
        {
            throw new BacktrackException(explicitPath is null
                ? $"no {BacktrackConfig.DefaultFileName} in {workingDirectory}; run 'backtrack init' to write one, or pass --config FILE"
                : $"config file {path} does not exist; check the --config path");
        }

        return path;
    }

    public static async Task<BacktrackConfig> LoadAsync(string path, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        return Parse(text, path);
    }

    public static BacktrackConfig Parse(string text, string path)
    {
        var reader = new Reader(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new BacktrackException($"{path}:{e.Start.Line}: invalid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BacktrackException($"{path}:1: expected a mapping with an 'environments' key");
        }

        reader.RejectUnknown(root, "", ["environments"]);
        var environmentsNode = reader.Mapping(root, "environments", "environments", required: true)!;
        var environments = environmentsNode.Children
            .Select(entry => ParseEnvironment(reader, (YamlScalarNode)entry.Key, entry.Value, path))
            .ToList();
        if (environments.Count == 0)
        {
            throw new BacktrackException($"{path}:{environmentsNode.Start.Line}: environments: define at least one environment");
        }

        return new BacktrackConfig(path, environments);
    }

    private static EnvironmentConfig ParseEnvironment(Reader reader, YamlScalarNode nameNode, YamlNode node, string path)
    {
        var name = nameNode.Value ?? "";
        var key = $"environments.{name}";
        if (node is not YamlMappingNode map)
        {
            throw reader.Error(node, key, "expected a mapping (engine, project, services, ...)");
        }

        reader.RejectUnknown(map, key, EnvironmentKeys);
        var project = reader.Scalar(map, "project", $"{key}.project", required: true)!;
        var stateDir = reader.Scalar(map, "stateDir", $"{key}.stateDir") ?? Path.Combine(".backtrack", name);
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;

        var servicesNode = reader.Mapping(map, "services", $"{key}.services");
        var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
        foreach (var (serviceKey, serviceNode) in servicesNode?.Children.AsEnumerable() ?? [])
        {
            var serviceName = ((YamlScalarNode)serviceKey).Value ?? "";
            services[serviceName] = ParseService(reader, serviceName, serviceNode, $"{key}.services.{serviceName}");
        }

        return new EnvironmentConfig(
            name,
            reader.Scalar(map, "engine", $"{key}.engine"),
            project,
            Path.GetFullPath(stateDir, configDirectory),
            reader.Duration(map, "healthTimeout", $"{key}.healthTimeout") ?? TimeSpan.FromSeconds(30),
            reader.Duration(map, "stopTimeout", $"{key}.stopTimeout") ?? TimeSpan.FromSeconds(10),
            reader.Integer(map, "keepAside", $"{key}.keepAside") ?? 0,
            services);
    }

    private static ServiceConfig ParseService(Reader reader, string name, YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return new ServiceConfig(name, new ContainerHealthCheck());
        }

        if (node is not YamlMappingNode map)
        {
            throw reader.Error(node, key, "expected a mapping with a 'health' key");
        }

        reader.RejectUnknown(map, key, ServiceKeys);
        var health = reader.Scalar(map, "health", $"{key}.health");
        return new ServiceConfig(name, health switch
        {
            null or "docker" => new ContainerHealthCheck(),
            "none" => new NoHealthCheck(),
            _ when Uri.TryCreate(health, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" =>
                new HttpHealthCheck(url),
            _ => throw reader.Error(map.Children[new YamlScalarNode("health")], $"{key}.health",
                $"expected an http(s) URL, 'docker' or 'none' (got '{health}')"),
        });
    }

    /// <summary>Typed access to nodes with errors that carry file, line and key.</summary>
    private sealed class Reader(string path)
    {
        public BacktrackException Error(YamlNode node, string key, string message) =>
            new($"{path}:{node.Start.Line}: {key}: {message}");

        public void RejectUnknown(YamlMappingNode map, string key, HashSet<string> known)
        {
            foreach (var child in map.Children.Keys)
            {
                var name = (child as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name))
                {
                    var prefix = key.Length == 0 ? "" : key + ".";
                    throw Error(child, prefix + name, $"unknown key; expected one of: {string.Join(", ", known)}");
                }
            }
        }

        public YamlMappingNode? Mapping(YamlMappingNode map, string name, string key, bool required = false)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(name), out var node))
            {
                return required ? throw Error(map, key, "missing; this key is required") : null;
            }

            return node as YamlMappingNode ?? throw Error(node, key, "expected a mapping");
        }

        public string? Scalar(YamlMappingNode map, string name, string key, bool required = false)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(name), out var node))
            {
                return required ? throw Error(map, key, "missing; this key is required") : null;
            }

            var value = (node as YamlScalarNode)?.Value;
            return string.IsNullOrWhiteSpace(value) ? throw Error(node, key, "expected a non-empty value") : value;
        }

        public TimeSpan? Duration(YamlMappingNode map, string name, string key)
        {
            var text = Scalar(map, name, key);
            if (text is null)
            {
                return null;
            }

            return Durations.TryParse(text, out var duration)
                ? duration
                : throw Error(map.Children[new YamlScalarNode(name)], key, $"'{text}' is not a duration; write e.g. 500ms, 30s or 5m");
        }

        public int? Integer(YamlMappingNode map, string name, string key)
        {
            var text = Scalar(map, name, key);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, out var n) && n >= 0
                ? n
                : throw Error(map.Children[new YamlScalarNode(name)], key, $"'{text}' is not a whole number >= 0");
        }
    }
}
