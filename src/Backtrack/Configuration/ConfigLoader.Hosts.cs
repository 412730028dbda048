using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

/// <summary>The 'hosts:' list: one environment on several hosts.</summary>
public static partial class ConfigLoader
{
    private static IReadOnlyList<HostConfig> ParseHosts(Reader reader, YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("hosts"), out var node))
        {
            return [];
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            throw reader.Error(node, key, "expected a list of hosts, each with a name and an engine (- name: a, engine: ssh://deploy@host-a)");
        }

        var hosts = sequence.Children.Select((entry, i) => ParseHost(reader, entry, $"{key}[{i}]")).ToList();
        var repeated = hosts.GroupBy(h => h.Name).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? hosts : throw reader.Error(node, key, $"host name '{repeated.Key}' appears twice; give every host its own name");
    }

    private static HostConfig ParseHost(Reader reader, YamlNode node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            throw reader.Error(node, key, "expected a mapping with name and engine (project and services optional)");
        }

        reader.RejectUnknown(map, key, ["name", "engine", "project", "services"]);
        var name = reader.Scalar(map, "name", $"{key}.name", required: true)!;
        if (name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
        {
            throw reader.Error(map, $"{key}.name", $"'{name}' may hold letters, digits, '-', '_' and '.' only (it names the host in tables and plans)");
        }

        var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
        foreach (var (serviceKey, serviceNode) in reader.Mapping(map, "services", $"{key}.services")?.Children.AsEnumerable() ?? [])
        {
            var serviceName = ((YamlScalarNode)serviceKey).Value ?? "";
            services[serviceName] = ParseService(reader, serviceName, serviceNode, $"{key}.services.{serviceName}");
        }

        return new HostConfig(name, reader.Scalar(map, "engine", $"{key}.engine", required: true)!, reader.Scalar(map, "project", $"{key}.project"), services);
    }
}
