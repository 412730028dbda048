using System.Text.RegularExpressions;

namespace Backtrack.Engine;

/// <summary>
/// Docker's image reference grammar (distribution/reference): [host[:port]/]path[:tag][@sha256:hex], the
/// path of lowercase components, or an image ID (sha256:hex) or ID prefix. Checked while planning, so a
/// typo is refused before anything is recorded or pulled.
/// </summary>
public static partial class ImageReferenceGrammar
{
    /// <summary>Docker's bound on the name (host and path) of a reference.</summary>
    private const int MaximumNameLength = 255;

    [GeneratedRegex("""
        ^(?<name>
          (?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?
          [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*
          (?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*
        )
        (?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?
        (?:@sha256:[a-f0-9]{64})?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex Reference();

    [GeneratedRegex("^(?:sha256:)?[a-f0-9]{12,64}$")]
    private static partial Regex ImageId();

    /// <summary>A full or abbreviated image ID (12 hex digits at least: shorter ones read as tags).</summary>
    public static bool IsImageId(string text) => ImageId().IsMatch(text);

    public static bool IsValid(string reference)
    {
        if (IsImageId(reference))
        {
            return true;
        }

        var match = Reference().Match(reference);
        return match.Success && match.Groups["name"].Length <= MaximumNameLength;
    }
}
