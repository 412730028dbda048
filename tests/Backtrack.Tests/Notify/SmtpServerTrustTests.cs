using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Backtrack.Notify;

namespace Backtrack.Tests.Notify;

public sealed class SmtpServerTrustTests : IDisposable
{
    private readonly X509Certificate2 presented = SelfSigned("CN=smtp.internal");

    [Fact]
    public void Given_a_pinned_fingerprint_when_the_server_presents_that_certificate_then_it_is_trusted_despite_its_chain()
    {
        var trust = new SmtpServerTrust([], presented.GetCertHashString(HashAlgorithmName.SHA256));

        Assert.True(trust.Validate(this, presented, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Given_a_pinned_fingerprint_when_the_server_presents_another_certificate_then_it_is_refused()
    {
        using var other = SelfSigned("CN=intruder");
        var trust = new SmtpServerTrust([], presented.GetCertHashString(HashAlgorithmName.SHA256));

        Assert.False(trust.Validate(this, other, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Given_a_ca_file_when_the_certificate_names_another_host_then_it_is_refused_even_if_the_ca_signed_it()
    {
        var trust = new SmtpServerTrust([presented], null);

        Assert.False(trust.Validate(this, presented, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Given_a_certificate_the_system_trusts_when_validated_then_it_passes_whatever_is_configured()
    {
        Assert.True(new SmtpServerTrust([], null).Validate(this, presented, null, SslPolicyErrors.None));
    }

    public void Dispose() => presented.Dispose();

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }
}
