using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Backtrack.Secrets;

/// <summary>
/// Replaces every known secret value in a text, at any length, and masks the userinfo of URLs
/// (<c>scheme://user:pass@host</c> becomes <c>scheme://***@host</c>). One pass over the text with a
/// vectorised multi-string search, so streamed logs pay little; at each hit the longest secret wins, so a
/// secret containing another is replaced whole, and a mask is never searched again.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    public static readonly SecretRedactor None = new([]);

    /// <summary>Longest first: the first that matches at a position is the longest there.</summary>
    private readonly string[] secrets;
    private readonly SearchValues<string>? search;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        this.secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        search = this.secrets.Length == 0 ? null : SearchValues.Create(this.secrets, StringComparison.Ordinal);
    }

    public string Redact(string text)
    {
        var replaced = ReplaceSecrets(text);
        return replaced.Contains("://", StringComparison.Ordinal) ? Userinfo().Replace(replaced, "${scheme}***@") : replaced;
    }

    private string ReplaceSecrets(string text)
    {
        if (search is null)
        {
            return text;
        }

        var rest = text.AsSpan();
        var at = rest.IndexOfAny(search);
        if (at < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        while (at >= 0)
        {
            result.Append(rest[..at]).Append(Mask);
            rest = rest[(at + LongestAt(rest[at..]).Length)..];
            at = rest.IndexOfAny(search);
        }

        return result.Append(rest).ToString();
    }

    private string LongestAt(ReadOnlySpan<char> text)
    {
        foreach (var secret in secrets)
        {
            if (text.StartsWith(secret, StringComparison.Ordinal))
            {
                return secret;
            }
        }

        throw new InvalidOperationException("the search found a secret that no secret starts");
    }

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/?#@]+@")]
    private static partial Regex Userinfo();
}
