using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Net.Http.Client;

namespace Backtrack.Engine.Docker.Transport;

/// <summary>
/// TLS to a <c>tcp://</c> engine as the docker CLI sets it up: <c>DOCKER_TLS_VERIFY</c> (or <c>DOCKER_TLS</c>, which
/// does not check the engine's certificate) turns it on; <c>DOCKER_CERT_PATH</c> (default ~/.docker) holds
/// <c>ca.pem</c>, the authority the engine's certificate must chain to, and the client's <c>cert.pem</c>/<c>key.pem</c>.
/// Without those variables, the current docker context's TLS files when the engine is that context's (<see cref="ContextTls"/>).
/// </summary>
internal sealed class EngineTls(X509Certificate2? clientCertificate, X509Certificate2? authority, bool verify) : IAuthProvider
{
    public bool TlsEnabled => true;

    public static EngineTls? FromEnvironment(Uri endpoint)
    {
        var verify = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY") is { Length: > 0 } v && v != "0";
        var tls = Environment.GetEnvironmentVariable("DOCKER_TLS") is { Length: > 0 } t && t != "0";
        if (!verify && !tls)
        {
            // Without the variables, the current context's own TLS files, verified as the CLI does.
            return ContextTls.Directory(endpoint) is { } context ? Load(context, verify: true) : null;
        }

        var directory = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return Load(directory, verify);
    }

    private static EngineTls Load(string directory, bool verify)
    {
        var ca = Path.Combine(directory, "ca.pem");
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        if (verify && !File.Exists(ca))
        {
            throw new BacktrackException($"DOCKER_TLS_VERIFY is set but {ca} is missing; put the engine's CA certificate there or set DOCKER_CERT_PATH");
        }

        try
        {
            return new EngineTls(
                File.Exists(cert) && File.Exists(key) ? X509Certificate2.CreateFromPemFile(cert, key) : null,
                verify ? X509CertificateLoader.LoadCertificateFromFile(ca) : null,
                verify);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new BacktrackException($"cannot read the TLS certificates in {directory} (ca.pem, cert.pem, key.pem): {e.Message}", e);
        }
    }

    public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler)
    {
        if (handler is not ManagedHandler managed)
        {
            throw new InvalidOperationException("TLS to the engine is set up on Docker.DotNet's own HTTP handler only");
        }

        managed.UseProxy = false;
        if (clientCertificate is not null)
        {
            managed.ClientCertificates.Add(clientCertificate);
        }

        managed.ServerCertificateValidationCallback = Validate;
        return managed;
    }

    /// <summary>The engine's certificate must name the host and chain to <c>ca.pem</c> (not to the system's roots).</summary>
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!verify)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(authority!);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
