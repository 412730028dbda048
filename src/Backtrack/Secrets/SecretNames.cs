using System.Text.RegularExpressions;

namespace Backtrack.Secrets;

/// <summary>
/// Whether an environment variable's name marks its value as a secret: one of the name's parts (split at
/// '_', '-', '.' and camelCase) is a secret word (API_KEY, dbPassword), or contains one of the long ones
/// (PGPASSWORD, GITHUBTOKEN). Case-insensitive.
/// </summary>
public static partial class SecretNames
{
    private static readonly HashSet<string> Words = new(
        ["PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "SECRET", "TOKEN", "KEY", "APIKEY", "CREDENTIAL", "CREDS", "PRIVATE",
         "DSN", "AUTH", "CERT", "SALT", "PEPPER", "JWT"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Long enough not to occur by chance inside an ordinary word part.</summary>
    private static readonly string[] Contained = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE"];

    public static bool IsSecret(string name) =>
        Parts().Split(name).Any(part =>
            Words.Contains(part)
            || (part.EndsWith('S') && Words.Contains(part[..^1]))
            || Contained.Any(word => part.Contains(word, StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex(@"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Parts();
}
