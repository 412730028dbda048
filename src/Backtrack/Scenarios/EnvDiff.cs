namespace Backtrack.Scenarios;

/// <summary>What restoring an env file changes, by key only: values are secrets and are never shown.</summary>
public sealed record EnvDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public IReadOnlyList<string> Keys => [.. Added, .. Removed, .. Changed];

    public bool IsEmpty => Keys.Count == 0;

    public static EnvDiff Compare(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> restored) => new(
        restored.Keys.Except(current.Keys).Order(StringComparer.Ordinal).ToList(),
        current.Keys.Except(restored.Keys).Order(StringComparer.Ordinal).ToList(),
        current.Keys.Where(k => restored.TryGetValue(k, out var v) && v != current[k]).Order(StringComparer.Ordinal).ToList());

    /// <summary>"MODEL_MODE changed, NEW_KEY added, OLD_KEY removed (values masked)".</summary>
    public string Describe() =>
        string.Join(", ", Changed.Select(k => $"{k} changed").Concat(Added.Select(k => $"{k} added")).Concat(Removed.Select(k => $"{k} removed")))
        + " (values masked)";
}
