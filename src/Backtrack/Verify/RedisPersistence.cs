namespace Backtrack.Verify;

/// <summary>Judges the output of Redis's <c>INFO persistence</c>: not loading, last save and AOF writes ok.</summary>
public static class RedisPersistence
{
    public static (bool Healthy, string Detail) Evaluate(string info)
    {
        var fields = info.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#') && l.Contains(':', StringComparison.Ordinal))
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("rdb_last_bgsave_status", out var bgsave))
        {
            return (false, "no persistence section in INFO output");
        }

        var problems = new List<string>();
        if (fields.GetValueOrDefault("loading") == "1")
        {
            problems.Add("still loading its data");
        }

        if (bgsave != "ok")
        {
            problems.Add($"last RDB save {bgsave}");
        }

        if (fields.GetValueOrDefault("aof_enabled") == "1")
        {
            foreach (var key in new[] { "aof_last_write_status", "aof_last_bgrewrite_status" })
            {
                if (fields.TryGetValue(key, out var value) && value != "ok")
                {
                    problems.Add($"{key} {value}");
                }
            }
        }

        return problems.Count == 0
            ? (true, fields.GetValueOrDefault("aof_enabled") == "1" ? "RDB and AOF ok" : "RDB ok")
            : (false, string.Join(", ", problems));
    }
}
