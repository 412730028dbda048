namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A swarm stack whose stack file names api by a variable (<c>${API_TAG:-v1}</c>, from .env beside it) and
/// worker literally, configured with 'stackFile:'; a deploy exports .env as an operator would. Health checks
/// run every second and swarm monitors an updated task for a second, so deploys and rollbacks take seconds.
/// </summary>
public sealed class DriftSwarmStack : SwarmStack
{
    private string workerVersion = "v1";

    public string StackPath => Path.Combine(Directory, "stack.yml");

    public string EnvPath => Path.Combine(Directory, ".env");

    /// <summary>Deploys api at API_TAG (written to .env) and worker at its version (written to the stack file), detached.</summary>
    public async Task DeployAsync(string api, string worker)
    {
        workerVersion = worker;
        await File.WriteAllTextAsync(EnvPath, $"API_TAG={api}\n");
        await File.WriteAllTextAsync(StackPath, StackFile());
        var deploy = await ProcessRunner.RunAsync(
            "docker", ["stack", "deploy", "--resolve-image", "never", "-c", StackPath, Stack], Directory, new Dictionary<string, string> { ["API_TAG"] = api });
        Assert.True(deploy.ExitCode == 0, $"docker stack deploy: {deploy}");
    }

    protected override string StackFile() => $$"""
        version: "3.8"
        services:
          api:
            image: backtrack-demo/api:${API_TAG:-v1}
            healthcheck: { interval: 1s, timeout: 2s, retries: 2 }
            labels: { {{TestLabel}}: "true" }
            deploy: { replicas: 1, labels: { {{TestLabel}}: "true" }, update_config: { monitor: 1s } }
          worker:
            image: backtrack-demo/worker:{{workerVersion}}
            healthcheck: { interval: 1s, timeout: 2s, retries: 2 }
            labels: { {{TestLabel}}: "true" }
            deploy: { replicas: 1, labels: { {{TestLabel}}: "true" }, update_config: { monitor: 1s } }
        networks:
          default: { labels: { {{TestLabel}}: "true" } }
        """;

    protected override string ConfigFile() => $$"""
        environments:
          swarm: { backend: swarm, stack: {{Stack}}, stackFile: stack.yml, stateDir: state, services: { api: { health: docker }, worker: { health: docker } }, verify: { restartWindow: 1s } }
        """;
}
