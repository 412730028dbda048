using System.Net;
using System.Net.Sockets;
using Backtrack.Compose;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A deploy repository with a real local bare repository as its remote 'origin', holding a Compose
/// project (web: the demo image at the tag .env names; model: a service whose HEALTHCHECK reads a model
/// file and an env value), deployed by the real Compose client under a unique project name with ports on
/// 127.0.0.1. Git identity is set in the test repositories only. Everything is removed afterwards.
/// </summary>
public sealed class GitStack : IAsyncLifetime
{
    public const string GoodModel = "good-model-weights\n";
    public const string Secret = "first-secret-value";

    private static readonly string ComposeScript = Path.Combine(RepoRoot(), "scripts", "compose.sh");

    private readonly bool redeploy;

    /// <param name="redeploy">false: the config has no redeploy command, as when CI/CD deploys what is pushed.</param>
    public GitStack(bool redeploy = true)
    {
        this.redeploy = redeploy;
        Project = "bttest-" + Guid.NewGuid().ToString("N")[..8];
        Root = Directory.CreateTempSubdirectory("backtrack-git-").FullName;
        WebPort = FreePort();
        Docker = new DockerClientBuilder().Build();
    }

    public string Project { get; }

    public string Root { get; }

    public string RemotePath => Path.Combine(Root, "remote.git");

    public string DeployPath => Path.Combine(Root, "deploy");

    public string StatePath => Path.Combine(Root, "state");

    public int WebPort { get; }

    public DockerClient Docker { get; }

    public async Task InitializeAsync()
    {
        await RunAsync("git", ["init", "-q", "--bare", "-b", "main", RemotePath], Root);
        await RunAsync("git", ["clone", "-q", RemotePath, DeployPath], Root);
        await GitAsync("config", "user.name", "Backtrack Test");
        await GitAsync("config", "user.email", "test@backtrack.invalid");
        await GitAsync("config", "commit.gpgsign", "false");
        await GitAsync("checkout", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(Root, "backtrack.yml"), ConfigFile());
        await File.WriteAllTextAsync(Path.Combine(DeployPath, "compose.yaml"), ComposeFile());
        await File.WriteAllTextAsync(Path.Combine(DeployPath, ".env"), $"WEB_TAG=v1\nMODEL_MODE=good\nAPI_TOKEN={Secret}\n");
        Directory.CreateDirectory(Path.Combine(DeployPath, "models"));
        await File.WriteAllTextAsync(Path.Combine(DeployPath, "models", "model.bin"), GoodModel);
        await CommitAsync("v1: first deploy");
        await GitAsync("push", "-q", "-u", "origin", "main");
        await DeployAsync();
        await RecordAsync("v1");
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync("/bin/sh", [ComposeScript, "-p", Project, "down", "-v", "--remove-orphans", "-t", "1"], DeployPath);
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
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>The redeploy command of the config: the real Compose client in the deploy repository.</summary>
    public string RedeployCommand => $"{ComposeScript} -p {Project} up -d";

    public Task DeployAsync() => RunAsync("/bin/sh", ["-c", RedeployCommand], DeployPath);

    /// <summary>Writes files into the deploy repository and commits them; returns the new commit.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string>? files = null)
    {
        foreach (var (file, text) in files ?? new Dictionary<string, string>())
        {
            await File.WriteAllTextAsync(Path.Combine(DeployPath, file), text);
        }

        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", message);
        return await GitAsync("rev-parse", "HEAD");
    }

    public async Task<string> GitAsync(params string[] args) => (await RunAsync("git", args, DeployPath)).Stdout.Trim();

    public async Task<string> RemoteHeadAsync() => (await RunAsync("git", ["--git-dir", RemotePath, "rev-parse", "main"], Root)).Stdout.Trim();

    public async Task RecordAsync(string note)
    {
        var result = await BacktrackAsync("record", "--note", note);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public async Task<ProcessResult> BacktrackAsync(params string[] args) =>
        await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), .. args], Root, null, TimeSpan.FromMinutes(2));

    public System.Diagnostics.Process StartBacktrack(params string[] args) =>
        ProcessRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), .. args], Root);

    public async Task<ContainerInspectResponse> InspectAsync(string service)
    {
        var containers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Project}"] = true, [$"{ComposeLabels.Service}={service}"] = true },
            },
        });
        Assert.Single(containers);
        return await Docker.Containers.InspectContainerAsync(containers[0].ID);
    }

    public async Task<string> ImageIdAsync(string reference) => (await Docker.Images.InspectImageAsync(reference)).ID;

    private static async Task<ProcessResult> RunAsync(string file, string[] args, string directory)
    {
        var result = await ProcessRunner.RunAsync(file, args, directory);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', args)}: {result}");
        return result;
    }

    private string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 6s
            stopTimeout: 2s
            services:
              web:
                health: http://127.0.0.1:{WebPort}/health
              model:
                health: docker
            git:
              path: deploy
              branch: main
              protected: [main]
              {(redeploy ? "redeploy: " + RedeployCommand : "")}
              redeployTimeout: 60s
        """;

    // The model service is healthy while its model file holds a good model and MODEL_MODE is 'good'.
    private string ComposeFile() => $$"""
        services:
          web:
            image: backtrack-demo/web:${WEB_TAG:-v1}
            ports: ["127.0.0.1:{{WebPort}}:8080"]
            labels: { {{TestStack.TestLabel}}: "true" }
          model:
            image: backtrack-demo/api:v1
            volumes: ["./models:/models:ro"]
            environment:
              MODEL_MODE: ${MODEL_MODE:-good}
              API_TOKEN: ${API_TOKEN:-}
            healthcheck:
              test: ["CMD", "/bin/busybox", "sh", "-c", "test \"$$MODEL_MODE\" = good && /bin/busybox grep -q good-model /models/model.bin"]
              interval: 2s
            labels: { {{TestStack.TestLabel}}: "true" }
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backtrack.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
