namespace Backtrack.Snapshots;

/// <summary>Compares a restored database's row counts with a manifest's.</summary>
public static class RowCountCheck
{
    public static void Require(string database, IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        var differences = expected.Keys.Union(actual.Keys)
            .Where(t => expected.GetValueOrDefault(t, -1) != actual.GetValueOrDefault(t, -1))
            .Select(t => $"{t}: {Show(expected, t)} expected, {Show(actual, t)} found")
            .ToList();
        if (differences.Count > 0)
        {
            throw new SnapshotDamagedException($"row counts of '{database}' differ from the snapshot's: {string.Join("; ", differences.Take(5))}");
        }
    }

    private static string Show(IReadOnlyDictionary<string, long> counts, string table) =>
        counts.TryGetValue(table, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no table";
}
