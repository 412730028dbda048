using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real Compose project of the demo images on the real engine, brought up by the real Compose client
/// under a unique project name with ports on 127.0.0.1, and removed afterwards (by its own label and
/// project name only: the engine may be shared).
/// </summary>
public sealed class TestStack : IAsyncLifetime
{
    public const string TestLabel = "org.backtrack.test";

    private static readonly string RepoRoot = FindRepoRoot();

    public TestStack()
    {
        Project = "bttest-" + Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory("backtrack-test-").FullName;
        WebPort = FreePort();
        Docker = new DockerClientBuilder().Build();
    }

    public string Project { get; }

    public string Directory { get; }

    public int WebPort { get; }

    public DockerClient Docker { get; }

    public string ConfigPath => Path.Combine(Directory, "backtrack.yml");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(Directory, "compose.yaml"), ComposeFile());
        await File.WriteAllTextAsync(ConfigPath, ConfigFile());
        await ComposeAsync(new Dictionary<string, string>(), "up", "-d");
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync(Compose.File, [.. Compose.Args, "-p", Project, "down", "-v", "--remove-orphans", "-t", "1"], Directory);
        var leftovers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Project}"] = true } },
        });
        foreach (var container in leftovers)
        {
            await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }

        Docker.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Adds settings (YAML at the environment's level, unindented) to the environment in backtrack.yml.</summary>
    public async Task ConfigureAsync(string yaml)
    {
        var indented = string.Concat(yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));
        var config = await File.ReadAllTextAsync(ConfigPath);
        await File.WriteAllTextAsync(ConfigPath, config.Replace("    services:\n", indented + "    services:\n", StringComparison.Ordinal));
    }

    /// <summary>A "deploy": docker compose up -d with image tags (and other variables) from the environment.</summary>
    public async Task DeployAsync(IReadOnlyDictionary<string, string> variables, params string[] services) =>
        await ComposeAsync(variables, ["up", "-d", .. services]);

    public async Task<ProcessResult> BacktrackAsync(params string[] args) => await BacktrackAsync(null, args);

    public async Task<ProcessResult> BacktrackAsync(IReadOnlyDictionary<string, string>? env, params string[] args) =>
        await ProcessRunner.RunAsync("dotnet", [CliPath, .. args], Directory, env, TimeSpan.FromMinutes(2));

    public System.Diagnostics.Process StartBacktrack(params string[] args) => ProcessRunner.Start("dotnet", [CliPath, .. args], Directory);

    public async Task<EnvironmentConfig> EnvironmentAsync() => (await ConfigLoader.LoadAsync(ConfigPath, CancellationToken.None)).Select(null);

    public BacktrackEnvironment OpenEnvironment(EnvironmentConfig config) => new(config, new DockerEngine(null));

    /// <summary>The containers of one service in any state, aside and staging ones included.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync(string service) =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Project}"] = true, [$"{ComposeLabels.Service}={service}"] = true },
            },
        });

    public async Task<ContainerInspectResponse> InspectAsync(string service)
    {
        var running = (await ContainersAsync(service)).Where(c => !ContainerNames.IsAside(c.Names[0].TrimStart('/'))).ToList();
        Assert.Single(running);
        return await Docker.Containers.InspectContainerAsync(running[0].ID);
    }

    public async Task<string> ImageIdAsync(string reference) => (await Docker.Images.InspectImageAsync(reference)).ID;

    public static JsonElement ParseJson(ProcessResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Stdout).RootElement;
        }
        catch (JsonException)
        {
            Assert.Fail($"not JSON: {result}");
            throw;
        }
    }

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll");

    private static (string File, string[] Args) Compose { get; } = ComposeCommand();

    private async Task ComposeAsync(IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(Compose.File, [.. Compose.Args, "-p", Project, .. args], Directory, variables);
        Assert.True(result.ExitCode == 0, $"compose {string.Join(' ', args)}: {result}");
    }

    private static (string, string[]) ComposeCommand()
    {
        var v2 = ProcessRunner.RunAsync("docker", ["compose", "version"], RepoRoot).GetAwaiter().GetResult();
        return v2.ExitCode == 0 ? ("docker", ["compose"]) : ("docker-compose", []);
    }

    private string ComposeFile() => $$"""
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

    private string ConfigFile() => $"""
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
                health: http://127.0.0.1:{WebPort}/health
              api:
                health: docker
              worker:
                health: docker
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backtrack.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
