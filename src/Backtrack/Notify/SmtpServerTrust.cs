using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Backtrack.Configuration;

namespace Backtrack.Notify;

/// <summary>
/// Which SMTP server certificates are trusted: what the system trusts, and besides it, for an internal CA, a
/// certificate that chains to the configured CA file and names the host, or the one certificate whose SHA-256
/// fingerprint is pinned. Nothing else passes: validation is never switched off.
/// </summary>
public sealed class SmtpServerTrust(X509Certificate2Collection authorities, string? sha256)
{
    /// <summary>The trust the configuration asks for beyond the system's; null when it asks for none.</summary>
    public static SmtpServerTrust? FromConfig(EmailConfig config)
    {
        if (config.CaFile is null && config.CertificateSha256 is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        if (config.CaFile is { } file)
        {
            authorities.ImportFromPemFile(file);
        }

        return new SmtpServerTrust(authorities, config.CertificateSha256);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        if (sha256 is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Only the chain may fail the system's check: a certificate for another name never passes.
        return authorities.Count > 0 && errors == SslPolicyErrors.RemoteCertificateChainErrors && ChainsToAuthority(certificate, chain);
    }

    private bool ChainsToAuthority(X509Certificate certificate, X509Chain? presented)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(presented.ChainElements.Select(e => e.Certificate).ToArray());
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
