namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A one-service swarm stack for guard and deploy: 'web' (1 replica, host-mode port, the demo image's health
/// check every second; v2 has no /health, so it fails) deployed from stack.yml, which backtrack.yml names as
/// its stackFile. Swarm monitors an updated task for a second and pauses a failed update (its default).
/// </summary>
public sealed class GuardSwarmStack : SwarmStack
{
    public string WebVersion { get; private set; } = "v1";

    /// <summary>Writes stack.yml at this version of web (deployed by the caller).</summary>
    public Task WriteStackFileAsync(string version)
    {
        WebVersion = version;
        return File.WriteAllTextAsync(Path.Combine(Directory, "stack.yml"), StackFile());
    }

    public async Task<string> ImageAsync()
    {
        var inspect = await SwarmNode.DockerAsync("service", "inspect", $"{Stack}_web", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return inspect.Stdout.Trim().Split('@')[0];
    }

    protected override string StackFile() => $$"""
        version: "3.8"
        services:
          web:
            image: backtrack-demo/web:{{WebVersion}}
            healthcheck: { interval: 1s, timeout: 2s, retries: 2 }
            labels: { {{TestLabel}}: "true" }
            ports:
              - { target: 8080, published: {{WebPort}}, protocol: tcp, mode: host }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
              update_config: { monitor: 1s }
        networks:
          default:
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          swarm:
            backend: swarm
            stack: {Stack}
            stackFile: stack.yml
            stateDir: state
            healthTimeout: 30s
            services:
              web:
                health: http://127.0.0.1:{WebPort}/health
        """;
}
