using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A CA made by the test, and a server certificate it signed for 127.0.0.1 (with its private key), valid for
/// an hour: an operator's internal CA, which the system does not trust.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 authority;

    public TestCertificateAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=backtrack-test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(authority, now.AddMinutes(-4), now.AddMinutes(59), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // Through PKCS#12: an SslStream server wants a key it can use outside this object's lifetime.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The server's certificate and key, for an SslStream.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The server certificate's SHA-256 fingerprint, as openssl prints it (colons).</summary>
    public string ServerSha256 => string.Join(':', Server.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));

    /// <summary>Writes the CA's certificate as PEM (what an operator gives as caFile).</summary>
    public Task WriteCaAsync(string path) => File.WriteAllTextAsync(path, authority.ExportCertificatePem());

    public void Dispose()
    {
        authority.Dispose();
        Server.Dispose();
    }
}
