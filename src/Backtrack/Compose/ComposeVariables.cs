using YamlDotNet.RepresentationModel;

namespace Backtrack.Compose;

/// <summary>Which services of a project use which .env variables: their definitions interpolate them, or they read the env file itself.</summary>
public static class ComposeVariables
{
    /// <summary>The services whose configuration depends on any of the variables; COMPOSE_* variables concern every service.</summary>
    public static async Task<IReadOnlyList<string>> ServicesUsingAsync(ComposeProjectFiles files, IReadOnlyCollection<string> variables, CancellationToken ct)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var all = variables.Any(v => v.StartsWith("COMPOSE_", StringComparison.Ordinal));
        foreach (var (file, name, service) in await files.ServiceDefinitionsAsync(ct).ConfigureAwait(false))
        {
            if (all || Uses(service, variables, Path.GetDirectoryName(file)!, files.EnvFilePath))
            {
                result.Add(name);
            }
        }

        return result.ToList();
    }

    private static bool Uses(YamlNode service, IReadOnlyCollection<string> variables, string directory, string envFile)
    {
        var scalars = service.AllNodes.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList();
        var referenced = scalars
            .SelectMany(s => ComposeProjectFiles.VariablePattern().Matches(s))
            .Select(m => m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value);
        var readsEnvFile = service is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("env_file"), out var envFiles)
            && envFiles.AllNodes.OfType<YamlScalarNode>().Any(n => n.Value is { } v && Path.GetFullPath(v, directory) == envFile);
        return readsEnvFile || referenced.Any(variables.Contains);
    }
}
