using System.Text;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>What a <see cref="DatabaseStack"/>'s databases hold, as comparable text: shop's tables and rows, the databases, Redis's keys and values.</summary>
public static class DatabaseStackState
{
    /// <param name="keptAside">Whether databases a restore kept aside (NAME__bt_old_*, until 'snapshot cleanup') count.</param>
    public static async Task<string> DescribeAsync(DatabaseStack stack, bool keptAside)
    {
        var text = new StringBuilder();
        text.AppendLine("tables " + await stack.ScalarAsync<string>(
            "SELECT COALESCE(string_agg(table_name, ',' ORDER BY table_name), '') FROM information_schema.tables WHERE table_schema = 'public'"));
        text.AppendLine("items " + await stack.ScalarAsync<string>("SELECT COALESCE(md5(string_agg(id || ':' || name, ',' ORDER BY id)), '') FROM items"));
        var aside = keptAside ? "" : " AND datname NOT LIKE '%\\_\\_bt\\_old\\_%'";
        text.AppendLine("databases " + await stack.ScalarAsync<string>(
            $"SELECT string_agg(regexp_replace(datname, '__bt_old_.*$', '__bt_old_*'), ',' ORDER BY datname) FROM pg_database WHERE NOT datistemplate{aside}",
            "postgres"));
        var keys = (await stack.RedisAsync("KEYS", "*")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            text.AppendLine($"redis {key}={await stack.RedisAsync("GET", key)}");
        }

        return text.ToString();
    }
}
