using Backtrack.Compose;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A service reached only through a real reverse proxy: web (the demo image, no published port) behind
/// haproxy (Debian's, in the image scripts/setup.sh builds) configured by demo/proxy/haproxy.cfg, which
/// resolves web's network alias through Docker's DNS. Only the proxy is published, on 127.0.0.1.
/// </summary>
public sealed class ProxyStack : ComposeFixture
{
    public const string ProxyImage = "backtrack-test/haproxy:latest";

    public ProxyStack()
        : base("backtrack-proxy-")
    {
        ProxyPort = FreePort();
    }

    public int ProxyPort { get; }

    public Uri VersionUrl => new($"http://127.0.0.1:{ProxyPort}/version");

    /// <summary>The project up, the proxy answering with web's version, the first release recorded.</summary>
    public override async Task InitializeAsync()
    {
        var config = await File.ReadAllTextAsync(Path.Combine(RepoRoot, "demo", "proxy", "haproxy.cfg"));
        await File.WriteAllTextAsync(Path.Combine(Directory, "haproxy.cfg"), config.Replace("SERVICE", "web", StringComparison.Ordinal));
        await base.InitializeAsync();
        await WaitForProxyAsync();
        await RecordAsync("v1");
    }

    /// <summary>What haproxy said of its servers (DNS changes, checks), for a failure's message.</summary>
    public async Task<string> ProxyLogAsync()
    {
        var id = await ContainerIdAsync("proxy");
        var result = await ProcessRunner.RunAsync("docker", ["logs", "-t", id], Directory);
        return result.Stdout + result.Stderr;
    }

    /// <summary>web's one container (not aside, not staging) as the engine sees it now.</summary>
    public async Task<ContainerInspectResponse> WebAsync() => await InspectAsync("web");

    protected override bool Counts(ContainerListResponse container) => !ContainerNames.IsAside(container.Names[0]) && !ContainerNames.IsStaging(container.Names[0]);

    protected override string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            restart: unless-stopped
            labels: { {{TestLabel}}: "true" }
          proxy:
            image: {{ProxyImage}}
            ports: ["127.0.0.1:{{ProxyPort}}:8080"]
            volumes: ["./haproxy.cfg:/etc/haproxy/haproxy.cfg:ro"]
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            services:
              web:
                health: docker
                drain: 1s
              proxy:
                health: none
        """;

    /// <summary>Waits (bounded) until the proxy serves web.</summary>
    private async Task WaitForProxyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(VersionUrl)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"the proxy on 127.0.0.1:{ProxyPort} did not serve web within 30 s");
            await Task.Delay(100);
        }
    }
}
