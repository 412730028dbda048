using System.Security.Cryptography;

namespace Backtrack.Volumes;

public static class Checksums
{
    /// <summary>Size and sha256 (lowercase hex) of a file.</summary>
    public static async Task<(long Size, string Sha256)> OfFileAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        var hash = await SHA256.HashDataAsync(file, ct).ConfigureAwait(false);
        return (file.Length, Convert.ToHexStringLower(hash));
    }
}
