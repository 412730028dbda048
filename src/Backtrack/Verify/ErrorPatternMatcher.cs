using System.Text.RegularExpressions;

namespace Backtrack.Verify;

/// <summary>
/// Finds error lines in a log: each configured pattern is a regular expression, matched case-sensitively
/// ("ERROR" is not "error", "Exception" matches "NullReferenceException").
/// </summary>
public sealed class ErrorPatternMatcher
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Lines an operation of Backtrack's own causes, never an error of the stack: a database rollback ends the
    /// sessions of the database it swaps, and Postgres logs each as FATAL.
    /// </summary>
    private static readonly string[] CausedByBacktrack = ["terminating connection due to administrator command"];
    private readonly IReadOnlyList<(string Pattern, Regex Regex)> patterns;

    public ErrorPatternMatcher(IReadOnlyList<string> patterns)
    {
        this.patterns = patterns.Select(p => (p, Compile(p))).ToList();
    }

    /// <summary>The first pattern the line matches, or null.</summary>
    public string? Match(string line)
    {
        if (CausedByBacktrack.Any(expected => line.Contains(expected, StringComparison.Ordinal)))
        {
            return null;
        }

        foreach (var (pattern, regex) in patterns)
        {
            try
            {
                if (regex.IsMatch(line))
                {
                    return pattern;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological line does not stop the check; it just does not match.
            }
        }

        return null;
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new BacktrackException($"verify.errorPatterns: '{pattern}' is not a regular expression: {e.Message}");
        }
    }
}
