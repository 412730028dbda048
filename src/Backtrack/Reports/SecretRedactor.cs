namespace Backtrack.Reports;

/// <summary>
/// The last guard of a report: replaces every known secret value (the env values of recorded container
/// specs) that made its way into any text, an error message for instance.
/// </summary>
public sealed class SecretRedactor(IEnumerable<string> secrets)
{
    /// <summary>Shorter values ("1", "true", "test") are too common to be secrets and would garble the text.</summary>
    public const int MinimumLength = 6;

    private const string Mask = "[redacted]";

    private readonly IReadOnlyList<string> secrets = secrets
        .Where(s => s.Length >= MinimumLength)
        .Distinct(StringComparer.Ordinal)
        .OrderByDescending(s => s.Length)
        .ToList();

    /// <summary>The values of "NAME=value" env entries.</summary>
    public static IEnumerable<string> EnvValues(IEnumerable<string> env) =>
        env.Select(e => e.Split('=', 2)).Where(p => p.Length == 2).Select(p => p[1]);

    public string Redact(string text) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, Mask, StringComparison.Ordinal));
}
