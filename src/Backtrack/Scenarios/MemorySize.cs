using System.Globalization;

namespace Backtrack.Scenarios;

/// <summary>Memory sizes as Compose and docker write them: 512m, 2g, 1.5g, 800k, 1048576 (bytes); binary units.</summary>
public static class MemorySize
{
    /// <summary>The engine refuses limits below 6 MiB.</summary>
    public const long Minimum = 6L * 1024 * 1024;

    public static long Parse(string text, string option)
    {
        var value = text.Trim().ToLowerInvariant().TrimEnd('b');
        var unit = value.Length > 0 && char.IsAsciiLetter(value[^1]) ? value[^1] : ' ';
        var multiplier = unit switch
        {
            ' ' => 1L,
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            't' => 1024L * 1024 * 1024 * 1024,
            _ => 0L,
        };
        var number = unit == ' ' ? value : value[..^1];
        if (multiplier == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new BacktrackException($"{option}: '{text}' is not a memory size; write e.g. 512m or 2g");
        }

        var bytes = (long)(amount * multiplier);
        return bytes >= Minimum ? bytes : throw new BacktrackException($"{option}: {text} is below the engine's minimum of 6m");
    }

    public static string Format(long bytes) => bytes switch
    {
        <= 0 => "unlimited",
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };
}
