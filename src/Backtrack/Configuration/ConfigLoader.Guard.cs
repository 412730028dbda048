using YamlDotNet.RepresentationModel;

namespace Backtrack.Configuration;

/// <summary>The 'guard:' sections: the environment's and a service's own.</summary>
public static partial class ConfigLoader
{
    private static GuardConfig ParseGuard(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["window", "interval", "healthFailures", "errorLinesPerMinute", "events", "prometheus"]);
        var defaults = GuardConfig.Default;
        var failures = reader.Integer(map, "healthFailures", $"{key}.healthFailures") ?? defaults.HealthFailures;
        if (failures == 0)
        {
            throw reader.Error(map.Children[new YamlScalarNode("healthFailures")], $"{key}.healthFailures", "must be at least 1 (failed checks in a row)");
        }

        return new GuardConfig(
            reader.Duration(map, "window", $"{key}.window") ?? defaults.Window,
            reader.Duration(map, "interval", $"{key}.interval") ?? defaults.Interval,
            failures,
            reader.Integer(map, "errorLinesPerMinute", $"{key}.errorLinesPerMinute"),
            Flag(reader, map, "events", $"{key}.events") ?? defaults.Events,
            PrometheusIn(reader, map, $"{key}.prometheus"));
    }

    private static ServiceGuardConfig ParseServiceGuard(Reader reader, YamlMappingNode map, string key)
    {
        reader.RejectUnknown(map, key, ["health", "events", "errorLinesPerMinute", "prometheus"]);
        return new ServiceGuardConfig(
            Flag(reader, map, "health", $"{key}.health"),
            Flag(reader, map, "events", $"{key}.events"),
            reader.Integer(map, "errorLinesPerMinute", $"{key}.errorLinesPerMinute"),
            PrometheusIn(reader, map, $"{key}.prometheus"));
    }

    private static bool? Flag(Reader reader, YamlMappingNode map, string name, string key) =>
        reader.Scalar(map, name, key) switch
        {
            null => null,
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            var other => throw reader.Error(map.Children[new YamlScalarNode(name)], key, $"expected true or false (got '{other}')"),
        };
}
