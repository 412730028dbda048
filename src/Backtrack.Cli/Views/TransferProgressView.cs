using System.Globalization;
using Backtrack.Snapshots;

namespace Backtrack.Cli.Views;

/// <summary>Progress of long copies on stderr: bytes so far and the rate, about once a second, and a closing line for large files.</summary>
public sealed class TransferProgressView : IProgress<TransferProgress>
{
    private const long LargeFile = 16L << 20;

    public void Report(TransferProgress value)
    {
        if (value.Done && value.Bytes < LargeFile && value.Elapsed < TimeSpan.FromSeconds(1))
        {
            return;
        }

        var total = value.Total is { } t ? $" of {Bytes(t)}" : "";
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {value.What}: {Bytes(value.Bytes)}{total}, {Bytes((long)value.BytesPerSecond)}/s{(value.Done ? ", done" : "")}"));
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GiB"),
    };
}
