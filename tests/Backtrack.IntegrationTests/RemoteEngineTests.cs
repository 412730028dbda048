using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The engine reached over ssh (a real sshd the test starts, the system ssh client, the host's docker CLI
/// running 'docker system dial-stdio') and over tcp:// with TLS (a TLS-terminating proxy with generated
/// certificates), with this machine's dockerd as the remote host's engine.
/// </summary>
public sealed class RemoteEngineTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly SshServer ssh = new();

    public async Task InitializeAsync()
    {
        await ssh.InitializeAsync();
        await stack.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await stack.DisposeAsync();
        await ssh.DisposeAsync();
    }

    [Fact]
    public async Task Status_logs_follow_snapshot_and_rollback_work_through_an_ssh_engine()
    {
        // The docker CLI's context store names the engine when neither engine: nor DOCKER_HOST does: here the
        // port without docker, so the answer shows the context was used.
        var context = await stack.BacktrackAsync(await ContextVariablesAsync($"ssh://root@127.0.0.1:{ssh.NoDockerPort}"), "status");
        Assert.Equal(2, context.ExitCode);
        Assert.Contains($"no docker CLI on root@127.0.0.1:{ssh.NoDockerPort}", context.Stderr);
        await stack.ConfigureAsync($"engine: {ssh.EngineUrl}");
        await RecordAsync(ssh.Variables);

        // api's health is its HEALTHCHECK, run through exec: a hijacked stream over ssh.
        var status = await stack.BacktrackAsync(ssh.Variables, "status", "-o", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, TestStack.ParseJson(status).GetProperty("services").GetArrayLength());

        await using (var follow = stack.StartBacktrack(ssh.Variables, "logs", "api", "--follow"))
        {
            var line = await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("to-std", line);
            Assert.False(follow.HasExited);
        }

        // Volumes leave through the archive API.
        var snapshot = await stack.BacktrackAsync(ssh.Variables, "snapshot", "create", "-o", "json");
        Assert.True(snapshot.ExitCode == 0, snapshot.ToString());

        var rollback = await stack.BacktrackAsync(ssh.Variables, "rollback", "service", "web", "--to", "v3", "--yes");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);
    }

    [Fact]
    public async Task Status_and_a_rollback_work_through_a_tls_engine_and_a_wrong_client_certificate_is_one_line_exit_2()
    {
        var proxy = new TlsEngineProxy();
        await proxy.InitializeAsync();
        try
        {
            await StatusAndRollbackThroughAsync(proxy);
            await StatusThroughContextTlsAsync(proxy);
        }
        finally
        {
            await proxy.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("unknown host key", "is not in known_hosts; connect once with 'ssh -p")]
    [InlineData("refused authentication", "refused ssh authentication; load your key into ssh-agent")]
    [InlineData("no docker", "no docker CLI on root@127.0.0.1:")]
    public async Task Ssh_failures_are_one_line_and_exit_2_and_change_nothing(string failure, string expected)
    {
        var (engine, variables) = failure switch
        {
            "unknown host key" => (ssh.EngineUrl, ssh.UnknownHostVariables),
            "refused authentication" => ($"ssh://nosuchuser@127.0.0.1:{ssh.Port}", ssh.Variables),
            _ => ($"ssh://root@127.0.0.1:{ssh.NoDockerPort}", ssh.Variables),
        };
        await stack.ConfigureAsync($"engine: {engine}");
        var config = await File.ReadAllTextAsync(stack.ConfigPath);

        var result = await stack.BacktrackAsync(variables, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, result.Stderr);
        Assert.Equal(config, await File.ReadAllTextAsync(stack.ConfigPath));
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), (await stack.InspectAsync("web")).Image);
    }

    private async Task StatusAndRollbackThroughAsync(TlsEngineProxy proxy)
    {
        await stack.ConfigureAsync($"engine: {proxy.EngineUrl}");
        await RecordAsync(proxy.Variables);

        var status = await stack.BacktrackAsync(proxy.Variables, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        var rollback = await stack.BacktrackAsync(proxy.Variables, "rollback", "service", "web", "--to", "v3", "--yes");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), (await stack.InspectAsync("web")).Image);

        var refused = await stack.BacktrackAsync(proxy.WrongCertificateVariables, "status");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("backtrack: cannot reach the Docker engine at " + proxy.EngineUrl + "/: the engine refused the TLS handshake; check that its CA signed DOCKER_CERT_PATH's cert.pem and key.pem", refused.Stderr.Trim());
    }

    /// <summary>No engine: and no DOCKER_TLS_VERIFY: the context names the engine and holds the TLS files, as 'docker context create' stores them.</summary>
    private async Task StatusThroughContextTlsAsync(TlsEngineProxy proxy)
    {
        await stack.ReplaceInConfigAsync($"    engine: {proxy.EngineUrl}\n", "");
        var variables = await ContextVariablesAsync(proxy.EngineUrl);
        var tls = Path.Combine(variables["DOCKER_CONFIG"], "contexts", "tls", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("remote"u8)), "docker");
        Directory.CreateDirectory(tls);
        foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(proxy.Variables["DOCKER_CERT_PATH"], file), Path.Combine(tls, file));
        }

        var status = await stack.BacktrackAsync(variables, "status", "-o", "json");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, TestStack.ParseJson(status).GetProperty("services").GetArrayLength());
    }

    /// <summary>A docker CLI config folder whose context 'remote' names ENGINE, chosen by DOCKER_CONTEXT.</summary>
    private async Task<Dictionary<string, string>> ContextVariablesAsync(string engine)
    {
        var config = Path.Combine(stack.Directory, "docker-config");
        var meta = Path.Combine(config, "contexts", "meta", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("remote"u8)));
        Directory.CreateDirectory(meta);
        await File.WriteAllTextAsync(
            Path.Combine(meta, "meta.json"),
            "{\"Name\":\"remote\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + engine + "\",\"SkipTLSVerify\":false}}}");
        return new Dictionary<string, string>(ssh.Variables) { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "remote" };
    }

    private async Task RecordAsync(IReadOnlyDictionary<string, string> variables)
    {
        var record = await stack.BacktrackAsync(variables, "record", "--note", "first");
        Assert.True(record.ExitCode == 0, record.ToString());
    }
}
