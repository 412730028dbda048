using System.Globalization;
using Backtrack.Secrets;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>How values read in tables: short image IDs, human durations, text safe for markup.</summary>
public static class Format
{
    /// <summary>
    /// A value for Spectre markup: redacted, then escaped. Redacted here too because Spectre wraps long
    /// lines before the console writer sees them, and a secret broken over two lines would not match there.
    /// </summary>
    public static string Text(string value) => Markup.Escape(SecretRegistry.Redact(value));

    public static string ShortId(string? id) =>
        id is null ? "-" : id.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, id.Replace("sha256:", "", StringComparison.Ordinal).Length)];

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "-",
        { TotalSeconds: < 1 } s => string.Create(CultureInfo.InvariantCulture, $"{s.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } s => string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } s => string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalMinutes}m{s.Seconds:00}s"),
        { TotalDays: < 1 } s => string.Create(CultureInfo.InvariantCulture, $"{(int)s.TotalHours}h{s.Minutes:00}m"),
        var s => string.Create(CultureInfo.InvariantCulture, $"{(int)s.Value.TotalDays}d{s.Value.Hours:00}h"),
    };

    public static string Time(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
