using Backtrack.Compose;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// What one "host" of a multi-host environment runs: a one-service Compose project (web, its image from
/// WEB_IMAGE, published on a free 127.0.0.1 port) under its own project name. Its backtrack.yml is written
/// by <see cref="MultiHostStack"/>, which knows every host.
/// </summary>
public sealed class HostProject() : ComposeFixture("backtrack-host-")
{
    public int Port { get; } = FreePort();

    /// <summary>A "deploy" of web at IMAGE on this host.</summary>
    public Task DeployAsync(string image) => ComposeAsync(new Dictionary<string, string> { ["WEB_IMAGE"] = image }, "up", "-d");

    /// <summary>The ID of the one running web container: no staging or aside container is left running.</summary>
    public async Task<string> RunningWebAsync() => Assert.Single(await ContainersAsync("web"), c => c.State == "running").ID;

    /// <summary>The service's container: aside ones do not count.</summary>
    protected override bool Counts(ContainerListResponse container) => !ContainerNames.IsAside(container.Names[0].TrimStart('/'));

    protected override string ComposeFile() => $$"""
        services:
          web:
            image: ${WEB_IMAGE:-backtrack-demo/web:v1}
            ports: ["127.0.0.1:{{Port}}:8080"]
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => "# written by MultiHostStack\n";
}
