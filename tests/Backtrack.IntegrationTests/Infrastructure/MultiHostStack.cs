namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// One environment on two "hosts": a real sshd on 127.0.0.1 with two docker ports, each standing for a host
/// (this machine's dockerd behind both), and one Compose project per host. Host a checks web at /version,
/// host b (its own services: setting) at /health, so the demo's v2, which has no /health, passes on a and
/// fails on b. The CLI runs in host a's directory with the sshd's client config.
/// </summary>
public sealed class MultiHostStack : IAsyncLifetime
{
    private readonly SshServer ssh = new();

    public HostProject A { get; } = new();

    public HostProject B { get; } = new();

    public async Task InitializeAsync()
    {
        await ssh.InitializeAsync();
        await Task.WhenAll(A.InitializeAsync(), B.InitializeAsync());
        await File.WriteAllTextAsync(A.ConfigPath, $"""
            environments:
              test:
                project: {A.Project}
                stateDir: state
                healthTimeout: 3s
                stopTimeout: 2s
                hosts:
                  - name: a
                    engine: {ssh.EngineUrl}
                  - name: b
                    engine: {ssh.SecondEngineUrl}
                    project: {B.Project}
                    services:
                      web:
                        health: http://127.0.0.1:{B.Port}/health
                services:
                  web:
                    health: http://127.0.0.1:{A.Port}/version
            """);
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(A.DisposeAsync(), B.DisposeAsync());
        await ssh.DisposeAsync();
    }

    public Task<ProcessResult> BacktrackAsync(params string[] args) => A.BacktrackAsync(ssh.Variables, args);

    /// <summary>The CLI left running; dispose it with 'await using'.</summary>
    public BacktrackProcess StartBacktrack(params string[] args) => A.StartBacktrack(ssh.Variables, args);
}
