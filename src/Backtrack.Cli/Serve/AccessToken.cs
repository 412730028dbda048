using System.Security.Cryptography;
using System.Text;
using Backtrack.Secrets;

namespace Backtrack.Cli.Serve;

/// <summary>The token that allows actions, kept only as its SHA-256 and compared in constant time.</summary>
public sealed class AccessToken
{
    private readonly byte[] digest;

    private AccessToken(string token) => digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static async Task<AccessToken> ReadAsync(string path, CancellationToken ct)
    {
        string text;
        try
        {
            text = (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BacktrackException($"--token-file: cannot read '{path}' ({e.Message}); give a readable file holding the token");
        }

        if (text.Length < 16)
        {
            throw new BacktrackException($"--token-file: '{path}' holds {(text.Length == 0 ? "nothing" : "a token under 16 characters")}; write a long random token into it (e.g. openssl rand -hex 32)");
        }

        SecretRegistry.AddValue(text);
        return new AccessToken(text);
    }

    /// <summary>Whether the given text is the token; hashing first makes the comparison's length fixed too.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
