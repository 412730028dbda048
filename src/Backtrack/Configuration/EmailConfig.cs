namespace Backtrack.Configuration;

/// <summary>
/// Email over SMTP: the server, the sender and recipients; the login is read from the named variables (secrets).
/// Besides the system's trust, the server's certificate may chain to a CA file or match a pinned fingerprint.
/// </summary>
public sealed record EmailConfig(string Host, int Port, string From, IReadOnlyList<string> To, string? UsernameEnv, string? PasswordEnv, EmailSecurity Security)
{
    /// <summary>A PEM file of CA certificates the server's certificate may chain to (its name is still checked).</summary>
    public string? CaFile { get; init; }

    /// <summary>The server certificate's SHA-256 fingerprint, upper-case hex without colons.</summary>
    public string? CertificateSha256 { get; init; }
}
