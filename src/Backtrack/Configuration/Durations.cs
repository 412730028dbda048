using System.Globalization;
using System.Text.RegularExpressions;

namespace Backtrack.Configuration;

/// <summary>
/// Parses durations written as operators write them: 500ms, 2s, 5m, 1h, 2d, or bare seconds. A duration
/// is at least 1ms (a zero timeout fails every gate) and at most <see cref="Maximum"/> (a typo such as
/// 99999999999d would overflow, and no timeout or window of an operation is meant to run for months).
/// </summary>
public static partial class Durations
{
    /// <summary>The bound of timeouts and windows (config keys, --health-timeout, --stop-timeout, --window, ...).</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(30);

    /// <summary>The bound of durations that mean "that long ago" (--since, --to TIME): a history may reach back years.</summary>
    public static readonly TimeSpan LookBackMaximum = TimeSpan.FromDays(3650);

    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(1);

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m|h|d)?$")]
    private static partial Regex Pattern();

    /// <summary>Whether the text is written as a duration at all (as opposed to, say, a time), whatever its size.</summary>
    public static bool IsDuration(string text) => Pattern().IsMatch(text.Trim());

    /// <summary>The duration, or null with what is wrong with the text: not a duration, zero, or beyond the maximum.</summary>
    public static TimeSpan? TryParse(string text, TimeSpan maximum, out string problem)
    {
        problem = "";
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            problem = $"'{text}' is not a duration; write a positive number with a unit, e.g. 500ms, 30s, 5m or 2h";
            return null;
        }

        var milliseconds = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) * match.Groups["unit"].Value switch
        {
            "ms" => 1,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => 1_000,
        };
        // Compared as a double: a TimeSpan of 99999999999d would overflow before it could be compared.
        if (milliseconds < Minimum.TotalMilliseconds)
        {
            problem = $"'{text}' is too short; give at least 1ms, e.g. 30s";
            return null;
        }

        if (milliseconds > maximum.TotalMilliseconds)
        {
            problem = $"'{text}' is too long; give at most {maximum.TotalDays.ToString(CultureInfo.InvariantCulture)}d";
            return null;
        }

        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The duration of an option; bad input is a <see cref="BacktrackException"/> naming the option.</summary>
    public static TimeSpan Parse(string text, string what) => Parse(text, what, Maximum);

    public static TimeSpan Parse(string text, string what, TimeSpan maximum) =>
        TryParse(text, maximum, out var problem) ?? throw new BacktrackException($"{what}: {problem}");
}
