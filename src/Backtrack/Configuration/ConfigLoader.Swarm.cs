using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// 'stackFile' of a swarm environment (relative to this file; it must exist) and 'envFile', by default the
    /// .env beside the stack file: 'docker stack deploy' reads no .env itself, so the operator exports one.
    /// </summary>
    private static StackFileConfig? ParseStackFile(Reader reader, YamlMappingNode map, string key, Backend backend, string configDirectory)
    {
        var stackFile = reader.Scalar(map, "stackFile", $"{key}.stackFile");
        var envFile = reader.Scalar(map, "envFile", $"{key}.envFile");
        if (stackFile is null)
        {
            return envFile is null
                ? null
                : throw reader.Error(map.Children[new YamlScalarNode("envFile")], $"{key}.envFile", "'envFile' goes with 'stackFile'; name the stack file too");
        }

        var node = map.Children[new YamlScalarNode("stackFile")];
        if (backend is not Backend.Swarm)
        {
            throw reader.Error(node, $"{key}.stackFile", "'stackFile' is for 'backend: swarm'; Backtrack finds a Compose project's files through its containers' labels");
        }

        var path = Path.GetFullPath(stackFile, configDirectory);
        if (!File.Exists(path))
        {
            throw reader.Error(node, $"{key}.stackFile", $"{path} does not exist; name the file 'docker stack deploy -c' reads");
        }

        return new StackFileConfig(path, envFile is null ? Path.Combine(Path.GetDirectoryName(path)!, ".env") : Path.GetFullPath(envFile, configDirectory));
    }
}
