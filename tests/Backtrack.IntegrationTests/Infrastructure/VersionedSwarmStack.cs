using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A swarm stack deployed again and again at chosen versions of the demo images: 'api' (2 replicas,
/// start-first, env, a secret and a config named after its version, a volume, reached by DNS round robin
/// on an attachable overlay network) and 'web' (1 replica, host-mode port). Health checks run every second
/// and swarm monitors an updated task for a second, so deploys and rollbacks take seconds. Disposing
/// removes the stack (its secrets and configs with it), the request client and the stack's volume.
/// </summary>
public sealed class VersionedSwarmStack : SwarmStack
{
    private string apiVersion = "v1";
    private string webVersion = "v1";

    public VersionedSwarmStack()
    {
        File.WriteAllText(Path.Combine(Directory, "secret.txt"), "swarm-secret-value");
        File.WriteAllText(Path.Combine(Directory, "app.conf"), "mode=test");
    }

    public string ClientName => $"{Stack}-client";

    /// <summary>Deploys the stack file at these versions (detached: the caller waits for what it needs).</summary>
    public async Task DeployAsync(string api, string web)
    {
        (apiVersion, webVersion) = (api, web);
        await File.WriteAllTextAsync(Path.Combine(Directory, "stack.yml"), StackFile());
        var deploy = await SwarmNode.DockerAsync("stack", "deploy", "--resolve-image", "never", "-c", Path.Combine(Directory, "stack.yml"), Stack);
        Assert.True(deploy.ExitCode == 0, $"docker stack deploy: {deploy}");
    }

    /// <summary>The service's container spec as the engine holds it (docker service inspect).</summary>
    public async Task<JsonElement> ContainerSpecAsync(string service)
    {
        var inspect = await SwarmNode.DockerAsync("service", "inspect", $"{Stack}_{service}", "--format", "{{json .Spec.TaskTemplate.ContainerSpec}}");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return JsonDocument.Parse(inspect.Stdout).RootElement.Clone();
    }

    /// <summary>
    /// Starts a container on the stack's network asking api for its version every 100 ms (at most 600
    /// times), one line OK or FAIL per request; busybox's wget crashes with -T, so a request is unbounded.
    /// </summary>
    public async Task StartClientAsync()
    {
        const string loop = "trap 'exit 0' TERM; i=0; while [ $i -lt 600 ]; do "
            + "if /bin/busybox wget -q -O /dev/null http://tasks.api:8080/version; then echo OK; else echo FAIL; fi; i=$((i+1)); /bin/busybox sleep 0.1; done";
        var run = await SwarmNode.DockerAsync(
            "run", "-d", "--name", ClientName, "--label", $"{TestLabel}=true", "--network", $"{Stack}_default",
            "--entrypoint", "/bin/busybox", "backtrack-demo/api:v1", "sh", "-c", loop);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>Stops the client and returns its lines.</summary>
    public async Task<IReadOnlyList<string>> StopClientAsync()
    {
        await SwarmNode.DockerAsync("stop", "-t", "5", ClientName);
        var logs = await SwarmNode.DockerAsync("logs", ClientName);
        await SwarmNode.DockerAsync("rm", "-f", ClientName);
        return logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public override async Task DisposeAsync()
    {
        await SwarmNode.DockerAsync("rm", "-f", ClientName);
        await base.DisposeAsync();
        await SwarmNode.DockerAsync("volume", "rm", $"{Stack}_data");
    }

    protected override string StackFile() => $$"""
        version: "3.8"
        services:
          api:
            image: backtrack-demo/api:{{apiVersion}}
            environment:
              APP_MODE: "{{apiVersion}}"
              API_TOKEN: "token-{{apiVersion}}"
            healthcheck: { interval: 1s, timeout: 2s, retries: 2 }
            secrets:
              - { source: app_secret, target: app_secret }
            configs:
              - { source: app_conf, target: /app.conf }
            volumes:
              - "data:/data"
            labels: { {{TestLabel}}: "true" }
            deploy:
              replicas: 2
              endpoint_mode: dnsrr
              labels: { {{TestLabel}}: "true" }
              update_config: { order: start-first, parallelism: 1, monitor: 1s, delay: 0s }
          web:
            image: backtrack-demo/web:{{webVersion}}
            environment:
              WEB_MODE: "{{webVersion}}"
            healthcheck: { interval: 1s, timeout: 2s, retries: 2 }
            labels: { {{TestLabel}}: "true" }
            ports:
              - { target: 8080, published: {{WebPort}}, protocol: tcp, mode: host }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
              update_config: { monitor: 1s }
        secrets:
          app_secret:
            file: ./secret.txt
            name: {{Stack}}_secret_{{apiVersion}}
            labels: { {{TestLabel}}: "true" }
        configs:
          app_conf:
            file: ./app.conf
            name: {{Stack}}_conf_{{apiVersion}}
            labels: { {{TestLabel}}: "true" }
        volumes:
          data:
            labels: { {{TestLabel}}: "true" }
        networks:
          default:
            attachable: true
            labels: { {{TestLabel}}: "true" }
        """;
}
