using System.Diagnostics;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The engine's API on 127.0.0.1 with TLS, as a remote dockerd listening on 2376 serves it: socat terminates
/// TLS (a server certificate for 127.0.0.1 from a generated CA, client certificates required and checked
/// against that CA) and forwards to the local socket. The shared dockerd itself is not touched.
/// <see cref="Variables"/> give the CLI a client certificate of that CA, <see cref="WrongCertificateVariables"/>
/// one the proxy refuses.
/// </summary>
public sealed class TlsEngineProxy : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-tls-").FullName;
    private Process? socat;

    public int Port { get; } = ComposeFixture.FreePort();

    public string EngineUrl => $"tcp://127.0.0.1:{Port}";

    public IReadOnlyDictionary<string, string> Variables => CertificateVariables("client");

    public IReadOnlyDictionary<string, string> WrongCertificateVariables => CertificateVariables("intruder");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(directory, "client"));
        Directory.CreateDirectory(Path.Combine(directory, "intruder"));
        await File.WriteAllTextAsync(Path.Combine(directory, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "client.ext"), "extendedKeyUsage=clientAuth\n");
        await OpensslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=backtrack-test-ca");
        await SignedAsync("server-key.pem", "server.pem", "127.0.0.1", "server.ext");
        await SignedAsync("client/key.pem", "client/cert.pem", "backtrack-test-client", "client.ext");
        await OpensslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "intruder/key.pem", "-out", "intruder/cert.pem", "-days", "2", "-subj", "/CN=intruder");
        File.Copy(Path.Combine(directory, "ca.pem"), Path.Combine(directory, "client", "ca.pem"));
        File.Copy(Path.Combine(directory, "ca.pem"), Path.Combine(directory, "intruder", "ca.pem"));
        socat = ProcessRunner.Start(
            "socat",
            [$"OPENSSL-LISTEN:{Port},bind=127.0.0.1,reuseaddr,fork,cert=server.pem,key=server-key.pem,cafile=ca.pem,verify=1", "UNIX-CONNECT:/var/run/docker.sock"],
            directory);
        await LoopbackListener.WaitAsync(socat, Port, () => "");
    }

    public async Task DisposeAsync()
    {
        if (socat is { HasExited: false })
        {
            socat.Kill(entireProcessTree: true);
            await socat.WaitForExitAsync();
        }

        socat?.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private Dictionary<string, string> CertificateVariables(string folder) =>
        new() { ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = Path.Combine(directory, folder) };

    private async Task SignedAsync(string key, string certificate, string name, string extensions)
    {
        await OpensslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", "request.csr", "-subj", "/CN=" + name);
        await OpensslAsync("x509", "-req", "-in", "request.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", certificate, "-days", "2", "-extfile", extensions);
    }

    private async Task OpensslAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("openssl", args, directory);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
