using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real swarm stack of the demo images, deployed by 'docker stack deploy' under a unique name on the
/// machine's single-node swarm: 'api' with 2 replicas and no published port, 'web' with 1 replica
/// published in host mode on a free port (the routing mesh needs IPVS, which these machines lack), so its
/// HTTP check reaches it on 127.0.0.1. Everything carries the test label; disposing removes this stack
/// only and waits until its containers and networks are gone. A derived fixture may change both files.
/// </summary>
public class SwarmStack : IAsyncLifetime
{
    public const string TestLabel = ComposeFixture.TestLabel;

    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);

    public SwarmStack()
        : this("bttest")
    {
    }

    /// <summary>A stack named PREFIX-xxxxxxxx: a test class's own prefix tells its leftovers apart.</summary>
    protected SwarmStack(string prefix)
    {
        Stack = $"{prefix}-" + Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory("backtrack-swarm-").FullName;
        WebPort = ComposeFixture.FreePort();
    }

    public string Stack { get; }

    /// <summary>The temp directory: stack.yml and backtrack.yml are here and the backtrack CLI runs here.</summary>
    public string Directory { get; }

    public int WebPort { get; }

    /// <summary>The swarm node's ID, known once the stack is up.</summary>
    public string NodeId { get; private set; } = "";

    public string ConfigPath => Path.Combine(Directory, "backtrack.yml");

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll");

    public virtual async Task InitializeAsync()
    {
        NodeId = await SwarmNode.EnsureActiveAsync();
        await File.WriteAllTextAsync(Path.Combine(Directory, "stack.yml"), StackFile());
        await File.WriteAllTextAsync(ConfigPath, ConfigFile());
        var deploy = await SwarmNode.DockerAsync("stack", "deploy", "--resolve-image", "never", "-c", Path.Combine(Directory, "stack.yml"), Stack);
        Assert.True(deploy.ExitCode == 0, $"docker stack deploy: {deploy}");
        await UntilConvergedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            await SwarmNode.DockerAsync("stack", "rm", Stack);
            await SwarmNode.UntilAsync(async () => (await ListAsync("ps", "-a", "--format", "{{.ID}}")).Count == 0, TimeSpan.FromSeconds(60), $"containers of stack {Stack} gone");
            // 'stack rm' may have found the network still in use by a container that was stopping.
            foreach (var network in await ListAsync("network", "ls", "--format", "{{.Name}}"))
            {
                await SwarmNode.DockerAsync("network", "rm", network);
            }

            await SwarmNode.UntilAsync(async () => (await ListAsync("network", "ls", "--format", "{{.Name}}")).Count == 0, TimeSpan.FromSeconds(30), $"networks of stack {Stack} gone");
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public async Task<ProcessResult> BacktrackAsync(params string[] args) =>
        await ProcessRunner.RunAsync("dotnet", [CliPath, .. args], Directory, timeout: TimeSpan.FromMinutes(2));

    /// <summary>The backtrack CLI left running here, for a test that kills it midway.</summary>
    public BacktrackProcess StartBacktrack(params string[] args) => new(ProcessRunner.Start("dotnet", [CliPath, .. args], Directory));

    /// <summary>A new image for one service (detached: the caller polls for what it expects).</summary>
    public async Task UpdateImageAsync(string service, string image)
    {
        var update = await SwarmNode.DockerAsync("service", "update", "--detach", "--no-resolve-image", "--image", image, $"{Stack}_{service}");
        Assert.True(update.ExitCode == 0, $"docker service update: {update}");
    }

    /// <summary>Waits until every task swarm wants running of SERVICE runs IMAGE's VERSION, and as many as it desires.</summary>
    public Task UntilRunsAsync(string service, string version, int replicas) =>
        SwarmNode.UntilAsync(
            async () =>
            {
                var tasks = await SwarmNode.DockerAsync("service", "ps", $"{Stack}_{service}", "--filter", "desired-state=running", "--format", "{{.Image}} {{.CurrentState}}");
                var lines = tasks.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return lines.Length == replicas && lines.All(l => l.StartsWith($"backtrack-demo/{service}:{version} Running", StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(60),
            $"{service} runs {replicas} tasks of {version}");

    /// <summary>Waits until every service of the stack runs as many tasks as it desires.</summary>
    public Task UntilConvergedAsync() =>
        SwarmNode.UntilAsync(
            async () =>
            {
                var replicas = await ListAsync("service", "ls", "--format", "{{.Replicas}}");
                return replicas.Count > 0 && replicas.All(r => r.Split(' ')[0].Split('/') is [var running, var desired] && running == desired);
            },
            Converge,
            $"stack {Stack} converged");

    public static JsonElement ParseJson(ProcessResult result) => ComposeFixture.ParseJson(result);

    /// <summary>More of api's settings in the stack file, each line starting with a line break and 4 spaces.</summary>
    protected virtual string ApiSettings => "";

    protected virtual string StackFile() => $$"""
        version: "3.8"
        services:
          api:
            image: backtrack-demo/api:v1{{ApiSettings}}
            labels: { {{TestLabel}}: "true" }
            deploy:
              replicas: 2
              labels: { {{TestLabel}}: "true" }
          web:
            image: backtrack-demo/web:v1
            labels: { {{TestLabel}}: "true" }
            ports:
              - { target: 8080, published: {{WebPort}}, protocol: tcp, mode: host }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
        networks:
          default:
            labels: { {{TestLabel}}: "true" }
        """;

    protected virtual string ConfigFile() => $"""
        environments:
          swarm:
            backend: swarm
            stack: {Stack}
            stateDir: state
            services:
              web:
                health: http://127.0.0.1:{WebPort}/health
              api:
                health: docker
            verify:
              restartWindow: 1s
        """;

    /// <summary>One field per line of what a docker list command shows with this stack's label.</summary>
    private async Task<IReadOnlyList<string>> ListAsync(params string[] command)
    {
        var list = await SwarmNode.DockerAsync([.. command, "--filter", $"label=com.docker.stack.namespace={Stack}"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
