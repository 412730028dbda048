namespace Backtrack.Snapshots.Postgres;

/// <summary>Quoting, and the catalog queries Backtrack runs.</summary>
public static class PostgresSql
{
    /// <summary>Exact row counts of every table (schema.table), one statement.</summary>
    public const string RowCounts = """
        SELECT format('%s.%s', n.nspname, c.relname),
               (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
        ORDER BY 1
        """;

    /// <summary>The databases "all" means: neither templates, nor the maintenance database, nor Backtrack's own staging or kept-aside ones.</summary>
    public const string UserDatabases =
        "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' AND datname NOT LIKE '%\\_\\_bt\\_%' ORDER BY 1";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The name a database is restored under before it replaces the live one.</summary>
    public static string StagingName(string database) => Limit(database, "__bt_new");

    /// <summary>The name the live database is kept under after a restore replaced it.</summary>
    public static string AsideName(string database, string operationId) => Limit(database, "__bt_old_" + operationId.Replace("-", "", StringComparison.Ordinal));

    /// <summary>The scratch database of a deep verification.</summary>
    public static string VerifyName(string database) => Limit(database, "__bt_verify");

    /// <summary>Postgres names are at most 63 bytes: the database's name is shortened, never the suffix.</summary>
    private static string Limit(string database, string suffix)
    {
        var room = 63 - suffix.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(database) > room)
        {
            database = database[..^1];
        }

        return database + suffix;
    }
}
