using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A one-service Compose project of the demo web image on a <see cref="SecondEngine"/>, with
/// <c>restart: always</c> and host networking (that engine has no bridge): busybox httpd listens on
/// 127.0.0.1 at a free port, checked over HTTP. Old containers are kept aside (keepAside: 1), so a daemon
/// restart finds one beside the new container.
/// </summary>
public sealed class DaemonStack(SecondEngine engine) : ComposeFixture("backtrack-daemon-", engine.Endpoint)
{
    public const string Service = "web";

    public int Port { get; } = FreePort();

    /// <summary>A "deploy": docker compose up -d with the web image at TAG.</summary>
    public Task DeployAsync(string tag) => ComposeAsync(new Dictionary<string, string> { ["WEB_TAG"] = tag }, "up", "-d");

    /// <summary>The service's containers that run (or are being restarted by the engine).</summary>
    public async Task<List<ContainerListResponse>> RunningAsync() =>
        (await ContainersAsync(Service)).Where(c => c.State is "running" or "restarting").ToList();

    protected override string ComposeFile() => $$"""
        services:
          {{Service}}:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            network_mode: host
            entrypoint: ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; /bin/busybox httpd -f -p 127.0.0.1:{{Port}} -h /www & wait"]
            healthcheck:
              test: ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:{{Port}}/health"]
              interval: 5s
            restart: always
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          test:
            engine: {engine.Endpoint}
            project: {Project}
            stateDir: state
            healthTimeout: 30s
            stopTimeout: 5s
            keepAside: 1
            verify:
              restartWindow: 1s
            services:
              {Service}:
                health: http://127.0.0.1:{Port}/health
        """;
}
