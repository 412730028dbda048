namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real sshd on 127.0.0.1, started by the test with its own config file, a generated host key and a
/// generated client key (root logs in with it); nothing of the machine's ssh setup is used or changed. Its
/// clients get an ssh config naming the key and a known_hosts holding the host key (through
/// BACKTRACK_SSH_CONFIG). A second port stands for a host without docker: commands there find no docker CLI;
/// a third for a second host with docker (the same engine, as two hosts of one environment in the tests).
/// This machine's dockerd is "the host"'s engine.
/// </summary>
public sealed class SshServer() : LoopbackServer("backtrack-sshd-")
{

    public int Port { get; } = ComposeFixture.FreePort();

    public int NoDockerPort { get; } = ComposeFixture.FreePort();

    public int SecondPort { get; } = ComposeFixture.FreePort();

    public string EngineUrl => $"ssh://root@127.0.0.1:{Port}";

    /// <summary>The same engine through the third port: another "host".</summary>
    public string SecondEngineUrl => $"ssh://root@127.0.0.1:{SecondPort}";

    /// <summary>The generated client key and the known_hosts holding the host key (or none), for clients that are not the system ssh (SSH.NET's sftp).</summary>
    public string ClientKey => Path.Combine(Folder, "client_key");

    public string KnownHostsFile => Path.Combine(Folder, "known_hosts");

    public string EmptyKnownHostsFile => Path.Combine(Folder, "empty_known_hosts");

    /// <summary>The CLI's environment for this server: its ssh config.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string> { ["BACKTRACK_SSH_CONFIG"] = ClientConfig(true) };

    /// <summary>The same, with a known_hosts that does not hold the host key.</summary>
    public IReadOnlyDictionary<string, string> UnknownHostVariables => new Dictionary<string, string> { ["BACKTRACK_SSH_CONFIG"] = ClientConfig(false) };

    public override async Task InitializeAsync()
    {
        // sshd's privilege separation directory, which the package's tmpfiles.d creates at boot.
        Directory.CreateDirectory("/run/sshd");
        await KeygenAsync("host_key");
        await KeygenAsync("client_key");
        File.Copy(Path.Combine(Folder, "client_key.pub"), Path.Combine(Folder, "authorized_keys"));
        var hostKey = (await File.ReadAllTextAsync(Path.Combine(Folder, "host_key.pub"))).Trim();
        await File.WriteAllTextAsync(Path.Combine(Folder, "known_hosts"), $"[127.0.0.1]:{Port} {hostKey}\n[127.0.0.1]:{NoDockerPort} {hostKey}\n[127.0.0.1]:{SecondPort} {hostKey}\n");
        await File.WriteAllTextAsync(Path.Combine(Folder, "empty_known_hosts"), "");
        await File.WriteAllTextAsync(Path.Combine(Folder, "sshd_config"), $"""
            Port {Port}
            Port {NoDockerPort}
            Port {SecondPort}
            ListenAddress 127.0.0.1
            HostKey {Folder}/host_key
            PidFile {Folder}/sshd.pid
            AuthorizedKeysFile {Folder}/authorized_keys
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            Subsystem sftp /usr/lib/openssh/sftp-server
            Match LocalPort {NoDockerPort}
              ForceCommand PATH=/nonexistent; export PATH; eval "$SSH_ORIGINAL_COMMAND"
            """);
        await StartAsync("/usr/sbin/sshd", ["-D", "-E", Path.Combine(Folder, "sshd.log"), "-f", Path.Combine(Folder, "sshd_config")], NoDockerPort);
    }

    private string ClientConfig(bool knownHost)
    {
        var path = Path.Combine(Folder, knownHost ? "ssh_config" : "ssh_config_unknown_host");
        File.WriteAllText(path, $"""
            Host *
              IdentityFile {Folder}/client_key
              IdentitiesOnly yes
              UserKnownHostsFile {Folder}/{(knownHost ? "known_hosts" : "empty_known_hosts")}
              StrictHostKeyChecking yes
            """);
        return path;
    }

    private async Task KeygenAsync(string name)
    {
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", name], Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
