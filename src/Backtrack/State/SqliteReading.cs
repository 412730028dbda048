using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Backtrack.State;

/// <summary>Reading rows the same way everywhere: a command mapped row by row, nullable text and times.</summary>
internal static class SqliteReading
{
    /// <summary>Runs a query with the given parameters and maps every row.</summary>
    public static async Task<List<T>> QueryAsync<T>(
        this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? TextOrNull(this SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public static DateTimeOffset Time(this SqliteDataReader reader, int column) =>
        DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture);

    public static DateTimeOffset? TimeOrNull(this SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.Time(column);
}
