namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The engine's API on 127.0.0.1 with TLS, as a remote dockerd listening on 2376 serves it: socat terminates
/// TLS (a server certificate for 127.0.0.1 from a generated CA, client certificates required and checked
/// against that CA) and forwards to the local socket. The shared dockerd itself is not touched.
/// <see cref="Variables"/> give the CLI a client certificate of that CA, <see cref="WrongCertificateVariables"/>
/// one the proxy refuses.
/// </summary>
public sealed class TlsEngineProxy() : LoopbackServer("backtrack-tls-")
{

    public int Port { get; } = ComposeFixture.FreePort();

    public string EngineUrl => $"tcp://127.0.0.1:{Port}";

    public IReadOnlyDictionary<string, string> Variables => CertificateVariables("client");

    public IReadOnlyDictionary<string, string> WrongCertificateVariables => CertificateVariables("intruder");

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "client"));
        Directory.CreateDirectory(Path.Combine(Folder, "intruder"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        await File.WriteAllTextAsync(Path.Combine(Folder, "client.ext"), "extendedKeyUsage=clientAuth\n");
        await OpensslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=backtrack-test-ca");
        await SignedAsync("server-key.pem", "server.pem", "127.0.0.1", "server.ext");
        await SignedAsync("client/key.pem", "client/cert.pem", "backtrack-test-client", "client.ext");
        await OpensslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "intruder/key.pem", "-out", "intruder/cert.pem", "-days", "2", "-subj", "/CN=intruder");
        File.Copy(Path.Combine(Folder, "ca.pem"), Path.Combine(Folder, "client", "ca.pem"));
        File.Copy(Path.Combine(Folder, "ca.pem"), Path.Combine(Folder, "intruder", "ca.pem"));
        await StartAsync(
            "socat",
            [$"OPENSSL-LISTEN:{Port},bind=127.0.0.1,reuseaddr,fork,cert=server.pem,key=server-key.pem,cafile=ca.pem,verify=1", "UNIX-CONNECT:/var/run/docker.sock"],
            Port);
    }

    private Dictionary<string, string> CertificateVariables(string folder) =>
        new() { ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = Path.Combine(Folder, folder) };

    private async Task SignedAsync(string key, string certificate, string name, string extensions)
    {
        await OpensslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", "request.csr", "-subj", "/CN=" + name);
        await OpensslAsync("x509", "-req", "-in", "request.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", certificate, "-days", "2", "-extfile", extensions);
    }

    private async Task OpensslAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("openssl", args, Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
