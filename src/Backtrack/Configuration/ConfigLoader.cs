using System.Text.RegularExpressions;
using Backtrack.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

/// <summary>
/// Reads backtrack.yml through YamlDotNet's node model, so that every error names the file, the line
/// and the key that is wrong.
/// </summary>
public static partial class ConfigLoader
{
    private static readonly HashSet<string> EnvironmentKeys =
        ["engine", "backend", "project", "stack", "stateDir", "healthTimeout", "stopTimeout", "keepAside", "services",
         "postgres", "redis", "writers", "git", "notify", "verify", "keepReleases", "snapshots", "secrets", "guard",
         "stackFile", "envFile", "hosts", "nodes", "host"];

    private static readonly HashSet<string> ServiceKeys = ["health", "guard", "swap", "drain"];

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

    /// <summary>Reads and parses the file, and teaches the process its secrets (<see cref="ConfiguredSecrets"/>).</summary>
    public static async Task<BacktrackConfig> LoadAsync(string path, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        var config = Parse(text, path);
        foreach (var environment in config.Environments)
        {
            await ConfiguredSecrets.LearnAsync(environment, ct).ConfigureAwait(false);
        }

        return config;
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
        var (backend, project) = ParseBackend(reader, map, key);
        var stateDir = reader.Scalar(map, "stateDir", $"{key}.stateDir") ?? Path.Combine(".backtrack", name);
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;

        var servicesNode = reader.Mapping(map, "services", $"{key}.services");
        var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
        foreach (var (serviceKey, serviceNode) in servicesNode?.Children.AsEnumerable() ?? [])
        {
            var serviceName = ((YamlScalarNode)serviceKey).Value ?? "";
            services[serviceName] = ParseService(reader, serviceName, serviceNode, $"{key}.services.{serviceName}");
        }

        var stateDirectory = Path.GetFullPath(stateDir, configDirectory);
        return new EnvironmentConfig(
            name,
            reader.Scalar(map, "engine", $"{key}.engine"),
            project,
            stateDirectory,
            reader.Duration(map, "healthTimeout", $"{key}.healthTimeout") ?? TimeSpan.FromSeconds(30),
            reader.Duration(map, "stopTimeout", $"{key}.stopTimeout") ?? TimeSpan.FromSeconds(10),
            reader.Integer(map, "keepAside", $"{key}.keepAside") ?? 0,
            services)
        {
            Backend = backend,
            StackFile = ParseStackFile(reader, map, key, backend, configDirectory),
            Postgres = reader.Mapping(map, "postgres", $"{key}.postgres") is { } postgres ? ParsePostgres(reader, postgres, $"{key}.postgres") : null,
            Redis = reader.Mapping(map, "redis", $"{key}.redis") is { } redis ? ParseRedis(reader, redis, $"{key}.redis") : null,
            Writers = reader.List(map, "writers", $"{key}.writers"),
            Git = reader.Mapping(map, "git", $"{key}.git") is { } git ? ParseGit(reader, git, $"{key}.git", configDirectory) : null,
            Notify = reader.Mapping(map, "notify", $"{key}.notify") is { } notify ? ParseNotify(reader, notify, $"{key}.notify", configDirectory) : new NotifyConfig(null),
            Verify = reader.Mapping(map, "verify", $"{key}.verify") is { } verify ? ParseVerify(reader, verify, $"{key}.verify") : VerifyConfig.Default,
            KeepReleases = reader.Integer(map, "keepReleases", $"{key}.keepReleases") ?? 3,
            Secrets = ParseSecrets(reader, map, $"{key}.secrets", configDirectory),
            Snapshots = ParseSnapshots(reader, reader.Mapping(map, "snapshots", $"{key}.snapshots"), $"{key}.snapshots", configDirectory, stateDirectory),
            Guard = reader.Mapping(map, "guard", $"{key}.guard") is { } guard ? ParseGuard(reader, guard, $"{key}.guard") : GuardConfig.Default,
            Hosts = backend is Backend.Compose ? ParseHosts(reader, map, $"{key}.hosts")
                : map.Children.ContainsKey(new YamlScalarNode("hosts")) ? throw reader.Error(map, $"{key}.hosts", "is for Compose environments; a swarm spreads its stack over its nodes itself")
                : [],
            Nodes = reader.Mapping(map, "nodes", $"{key}.nodes") is { } nodes ? ParseNodes(reader, nodes, $"{key}.nodes") : new Dictionary<string, string>(),
            RemoteHost = reader.Mapping(map, "host", $"{key}.host") is { } host ? ParseRemoteHost(reader, host, $"{key}.host") : null,
        };
    }

    /// <summary>
    /// 'backend: compose' (the default) names its Compose project with 'project'; 'backend: swarm' names its
    /// stack with 'stack'. The other key is a mistake worth a line rather than a silent ignore.
    /// </summary>
    private static (Backend Backend, string Name) ParseBackend(Reader reader, YamlMappingNode map, string key)
    {
        var backend = reader.Scalar(map, "backend", $"{key}.backend") switch
        {
            null or "compose" => Backend.Compose,
            "swarm" => Backend.Swarm,
            var other => throw reader.Error(map.Children[new YamlScalarNode("backend")], $"{key}.backend", $"expected 'compose' or 'swarm' (got '{other}')"),
        };
        var (wanted, unwanted) = backend is Backend.Swarm ? ("stack", "project") : ("project", "stack");
        if (map.Children.TryGetValue(new YamlScalarNode(unwanted), out var wrong))
        {
            throw reader.Error(wrong, $"{key}.{unwanted}", backend is Backend.Swarm
                ? "a swarm environment names its stack with 'stack', not 'project'"
                : "'stack' is for 'backend: swarm'; a Compose environment names its project with 'project'");
        }

        return (backend, reader.Scalar(map, wanted, $"{key}.{wanted}", required: true)!);
    }

    /// <summary>'nodes: { HOSTNAME: ENGINE }': the engine of each swarm node whose tasks Backtrack must reach (exec, archives).</summary>
    private static Dictionary<string, string> ParseNodes(Reader reader, YamlMappingNode map, string key) =>
        map.Children.ToDictionary(
            entry => ((YamlScalarNode)entry.Key).Value ?? "",
            entry => reader.Scalar(map, ((YamlScalarNode)entry.Key).Value ?? "", $"{key}.{((YamlScalarNode)entry.Key).Value}", required: true)!,
            StringComparer.Ordinal);

    private static PostgresConfig ParsePostgres(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["service", "user", "databases", "passwordEnv", "passwordFile", "compression"]);
        var compression = reader.Integer(map, "compression", $"{key}.compression") ?? 1;
        if (compression > 9)
        {
            throw reader.Error(map.Children[new YamlScalarNode("compression")], $"{key}.compression", $"'{compression}' is not a pg_dump compression level (0-9)");
        }

        var databases = map.Children.TryGetValue(new YamlScalarNode("databases"), out var node) && node is YamlScalarNode { Value: "all" }
            ? ["all"]
            : reader.List(map, "databases", $"{key}.databases");
        return new PostgresConfig(
            reader.Scalar(map, "service", $"{key}.service", required: true)!,
            reader.Scalar(map, "user", $"{key}.user") ?? "postgres",
            databases.Count == 0 ? ["all"] : databases,
            reader.Scalar(map, "passwordEnv", $"{key}.passwordEnv"),
            reader.Scalar(map, "passwordFile", $"{key}.passwordFile"),
            compression);
    }

    private static RedisConfig ParseRedis(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["service"]);
        return new RedisConfig(reader.Scalar(map, "service", $"{key}.service", required: true)!);
    }

    private static GitConfig ParseGit(Reader reader, YamlMappingNode map, string key, string configDirectory)
    {
        reader.RejectUnknown(map, key, ["path", "remote", "branch", "protected", "redeploy", "redeployTimeout"]);
        return new GitConfig(
            Path.GetFullPath(reader.Scalar(map, "path", $"{key}.path", required: true)!, configDirectory),
            reader.Scalar(map, "remote", $"{key}.remote") ?? "origin",
            reader.Scalar(map, "branch", $"{key}.branch") ?? "main",
            reader.List(map, "protected", $"{key}.protected"),
            reader.Scalar(map, "redeploy", $"{key}.redeploy"),
            reader.Duration(map, "redeployTimeout", $"{key}.redeployTimeout") ?? TimeSpan.FromMinutes(5));
    }

    private static VerifyConfig ParseVerify(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["errorPatterns", "restartWindow", "postgresQueries"]);
        var patterns = reader.List(map, "errorPatterns", $"{key}.errorPatterns");
        return new VerifyConfig(
            patterns.Count == 0 ? VerifyConfig.Default.ErrorPatterns : patterns,
            reader.Duration(map, "restartWindow", $"{key}.restartWindow") ?? VerifyConfig.Default.RestartWindow,
            reader.List(map, "postgresQueries", $"{key}.postgresQueries"));
    }

    /// <summary>A list of variable names (API_TOKEN) and files (<c>file: /run/secrets/api</c>, relative to the config file), which must exist.</summary>
    private static SecretsConfig ParseSecrets(Reader reader, YamlMappingNode map, string key, string configDirectory)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("secrets"), out var node))
        {
            return SecretsConfig.None;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw reader.Error(node, key, "expected a list of variable names and 'file: PATH' entries");
        }

        var variables = new List<string>();
        var files = new List<string>();
        foreach (var (entry, index) in sequence.Children.Select((e, i) => (e, i)))
        {
            var entryKey = $"{key}[{index}]";
            if (entry is YamlScalarNode { Value: { } name } && VariableName().IsMatch(name))
            {
                variables.Add(name);
            }
            else if (entry is YamlMappingNode file && file.Children.Count == 1 && reader.Scalar(file, "file", $"{entryKey}.file") is { } filePath)
            {
                var full = Path.GetFullPath(filePath, configDirectory);
                files.Add(File.Exists(full) ? full : throw reader.Error(entry, $"{entryKey}.file", $"{full} does not exist"));
            }
            else
            {
                throw reader.Error(entry, entryKey, "expected a variable name (API_TOKEN) or 'file: PATH'");
            }
        }

        return new SecretsConfig(variables, files);
    }

    private static RemoteHostConfig ParseRemoteHost(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["address", "dir"]);
        return new RemoteHostConfig(
            reader.Scalar(map, "address", $"{key}.address") ?? throw reader.Error(map, $"{key}.address", "required: the host as [user@]host[:port]"),
            reader.Scalar(map, "dir", $"{key}.dir"));
    }

    private static SnapshotConfig ParseSnapshots(Reader reader, YamlMappingNode? map, string key, string configDirectory, string stateDirectory)
    {
        if (map is null)
        {
            return new SnapshotConfig(Path.Combine(stateDirectory, "snapshots"), []);
        }

        reader.RejectUnknown(map, key, ["directory", "configPaths", "copyTo", "identityFile", "knownHosts"]);
        var directory = reader.Scalar(map, "directory", $"{key}.directory");
        return new SnapshotConfig(
            directory is null ? Path.Combine(stateDirectory, "snapshots") : Path.GetFullPath(directory, configDirectory),
            reader.List(map, "configPaths", $"{key}.configPaths").Select(p => Path.GetFullPath(p, configDirectory)).ToList())
        {
            // A directory destination is relative to the config file; an sftp URL is kept as written.
            CopyTo = reader.Scalar(map, "copyTo", $"{key}.copyTo") is { } copyTo && !copyTo.Contains("://", StringComparison.Ordinal)
                ? Path.GetFullPath(copyTo, configDirectory)
                : reader.Scalar(map, "copyTo", $"{key}.copyTo"),
            IdentityFile = reader.Scalar(map, "identityFile", $"{key}.identityFile") is { } identity ? HomePath(identity, configDirectory) : null,
            KnownHosts = reader.Scalar(map, "knownHosts", $"{key}.knownHosts") is { } known ? HomePath(known, configDirectory) : null,
        };
    }

    /// <summary>A path as ssh users write it: <c>~/</c> is the home directory, anything else relative to the config file.</summary>
    private static string HomePath(string path, string configDirectory)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.GetFullPath(path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path, configDirectory);
    }

    private static ServiceConfig ParseService(Reader reader, string name, YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return new ServiceConfig(name, new ContainerHealthCheck());
        }

        if (node is not YamlMappingNode map)
        {
            throw reader.Error(node, key, "expected a mapping with a 'health' or 'guard' key");
        }

        reader.RejectUnknown(map, key, ServiceKeys);
        var health = reader.Scalar(map, "health", $"{key}.health");
        var guard = reader.Mapping(map, "guard", $"{key}.guard") is { } guardNode ? ParseServiceGuard(reader, guardNode, $"{key}.guard") : null;
        var swap = reader.Scalar(map, "swap", $"{key}.swap") switch
        {
            null or "auto" => SwapOrder.Auto,
            "start-first" => SwapOrder.StartFirst,
            "stop-first" => SwapOrder.StopFirst,
            var other => throw reader.Error(map.Children[new YamlScalarNode("swap")], $"{key}.swap",
                $"expected start-first, stop-first or auto (got '{other}')"),
        };
        var drain = reader.Duration(map, "drain", $"{key}.drain") ?? ServiceConfig.DefaultDrain;
        return new ServiceConfig(name, health switch
        {
            null or "docker" => new ContainerHealthCheck(),
            "none" => new NoHealthCheck(),
            _ when Uri.TryCreate(health, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" =>
                new HttpHealthCheck(url),
            _ => throw reader.Error(map.Children[new YamlScalarNode("health")], $"{key}.health",
                $"expected an http(s) URL, 'docker' or 'none' (got '{health}')"),
        }, guard)
        {
            Swap = swap,
            Drain = drain,
        };
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

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

        public IReadOnlyList<string> List(YamlMappingNode map, string name, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(name), out var node))
            {
                return [];
            }

            return node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode { Value.Length: > 0 })
                ? sequence.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
                : throw Error(node, key, "expected a list of values, e.g. [a, b]");
        }

        public TimeSpan? Duration(YamlMappingNode map, string name, string key)
        {
            var text = Scalar(map, name, key);
            if (text is null)
            {
                return null;
            }

            return Durations.TryParse(text, Durations.Maximum, out var problem)
                ?? throw Error(map.Children[new YamlScalarNode(name)], key, problem);
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
