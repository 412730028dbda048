using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine.Docker;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real Compose project of the demo images on the real engine, brought up by the real Compose client
/// under a unique project name with ports on 127.0.0.1, and removed afterwards (by its own label and
/// project name only: the engine may be shared).
/// </summary>
public sealed class TestStack : ComposeFixture
{
    public TestStack()
        : base("backtrack-test-")
    {
        WebPort = FreePort();
    }

    public int WebPort { get; }

    /// <summary>The health check of web in backtrack.yml.</summary>
    public string WebHealthUrl => $"http://127.0.0.1:{WebPort}/health";

    /// <summary>A "deploy": docker compose up -d with image tags (and other variables) from the environment.</summary>
    public async Task DeployAsync(IReadOnlyDictionary<string, string> variables, params string[] services) =>
        await ComposeAsync(variables, ["up", "-d", .. services]);

    public async Task<EnvironmentConfig> EnvironmentAsync() => (await ConfigLoader.LoadAsync(ConfigPath, CancellationToken.None)).Select(null);

    public BacktrackEnvironment OpenEnvironment(EnvironmentConfig config) => new(config, new DockerEngine(null));

    /// <summary>The running container of a service: aside ones do not count.</summary>
    protected override bool Counts(ContainerListResponse container) => !ContainerNames.IsAside(container.Names[0].TrimStart('/'));

    protected override string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            ports: ["127.0.0.1:{{WebPort}}:8080"]
            environment:
              APP_MODE: test
              SECRET_TOKEN: ${SECRET_TOKEN:-first-secret-value}
            volumes: [data:/data]
            depends_on: [api]
            restart: unless-stopped
            labels: { {{TestLabel}}: "true" }
            networks:
              default:
                aliases: [frontend]
          api:
            image: backtrack-demo/api:${API_TAG:-v1}
            entrypoint: ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; echo to-stdout; echo to-stderr >&2; /bin/busybox httpd -f -p 8080 -h /www & wait"]
            depends_on: [worker]
            labels: { {{TestLabel}}: "true" }
          worker:
            image: backtrack-demo/worker:${WORKER_TAG:-v1}
            labels: { {{TestLabel}}: "true" }
        volumes:
          data:
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 15s
            stopTimeout: 5s
            verify:
              restartWindow: 1s
            services:
              web:
                health: {WebHealthUrl}
              api:
                health: docker
              worker:
                health: docker
        """;
}
