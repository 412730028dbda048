using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Backtrack.Compose;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// The machinery of a real Compose project on the real engine: a unique project name, a temp directory
/// (holding backtrack.yml; the backtrack CLI runs there), the Docker client, the real Compose client (v2
/// plugin or v1) and the backtrack CLI as processes. A derived fixture supplies its compose file, its
/// backtrack.yml and its own setup; ports go on 127.0.0.1 only and everything carries the test label.
/// Disposing removes the project (compose down, then any leftovers by the project's label only: the
/// engine may be shared) and the temp directory. With a Docker host given, the Docker client and the
/// Compose client talk to that engine instead of the default one.
/// </summary>
public abstract class ComposeFixture : IAsyncLifetime
{
    public const string TestLabel = "org.backtrack.test";

    /// <summary>The root of the repository (the folder of Backtrack.slnx).</summary>
    public static readonly string RepoRoot = FindRepoRoot();

    private static readonly (string File, string[] Args) Compose = ComposeCommand();

    private readonly string? dockerHost;

    protected ComposeFixture(string directoryPrefix, string? dockerHost = null)
    {
        Project = "bttest-" + Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory(directoryPrefix).FullName;
        this.dockerHost = dockerHost;
        Docker = dockerHost is null ? new DockerClientBuilder().Build() : new DockerClientBuilder().WithEndpoint(new Uri(dockerHost)).Build();
    }

    public string Project { get; }

    /// <summary>The temp directory: backtrack.yml is here and the backtrack CLI runs here.</summary>
    public string Directory { get; }

    public DockerClient Docker { get; }

    public string ConfigPath => Path.Combine(Directory, "backtrack.yml");

    /// <summary>Where compose.yaml is and the Compose client runs.</summary>
    protected virtual string ComposeDirectory => Directory;

    /// <summary>Environment variables for every run of the backtrack CLI.</summary>
    protected virtual IReadOnlyDictionary<string, string>? CliVariables => null;

    protected virtual TimeSpan CliTimeout => TimeSpan.FromMinutes(2);

    private bool disposed;

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll");

    /// <summary>Writes compose.yaml and backtrack.yml, then brings the project up.</summary>
    public virtual async Task InitializeAsync()
    {
        await WriteProjectFilesAsync();
        try
        {
            await UpAsync();
        }
        catch
        {
            // xunit disposes no fixture whose start failed: what compose did create would stay on the engine.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await ProcessRunner.RunAsync(Compose.File, [.. Compose.Args, "-p", Project, "down", "-v", "--remove-orphans", "-t", "1"], ComposeDirectory, ComposeVariables(null));
        var leftovers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Project}"] = true } },
        });
        foreach (var container in leftovers)
        {
            try
            {
                await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
            }
            catch (DockerContainerNotFoundException)
            {
                // Compose removed it meanwhile.
            }
        }

        Docker.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public Task<ProcessResult> BacktrackAsync(params string[] args) => BacktrackAsync(CliVariables, args);

    public async Task<ProcessResult> BacktrackAsync(IReadOnlyDictionary<string, string>? env, params string[] args) =>
        await ProcessRunner.RunAsync("dotnet", [CliPath, .. args], Directory, env, CliTimeout);

    /// <summary>The backtrack CLI left running; dispose it with 'await using': that kills it if it still runs.</summary>
    public BacktrackProcess StartBacktrack(params string[] args) => StartBacktrack(CliVariables, args);

    public BacktrackProcess StartBacktrack(IReadOnlyDictionary<string, string>? env, params string[] args) =>
        new(ProcessRunner.Start("dotnet", [CliPath, .. args], Directory, env));

    /// <summary>Adds settings (YAML at the environment's level, unindented) to the environment in backtrack.yml.</summary>
    public async Task ConfigureAsync(string yaml)
    {
        var indented = string.Concat(yaml.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));
        var config = await File.ReadAllTextAsync(ConfigPath);
        await File.WriteAllTextAsync(ConfigPath, config.Replace("    services:\n", indented + "    services:\n", StringComparison.Ordinal));
    }

    /// <summary>Replaces TEXT, which must be there, in backtrack.yml.</summary>
    public async Task ReplaceInConfigAsync(string text, string replacement)
    {
        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains(text, config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, config.Replace(text, replacement, StringComparison.Ordinal));
    }

    /// <summary>backtrack record --note NOTE, which must succeed.</summary>
    public async Task RecordAsync(string note)
    {
        var result = await BacktrackAsync("record", "--note", note);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The project up (<see cref="InitializeAsync"/>), then its first release recorded with NOTE.</summary>
    public async Task InitializeAndRecordAsync(string note)
    {
        await InitializeAsync();
        await RecordAsync(note);
    }

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

    /// <summary>The one container of a service (of those <see cref="Counts"/> keeps).</summary>
    public async Task<string> ContainerIdAsync(string service)
    {
        var containers = (await ContainersAsync(service)).Where(Counts).ToList();
        Assert.Single(containers);
        return containers[0].ID;
    }

    public async Task<ContainerInspectResponse> InspectAsync(string service) => await Docker.Containers.InspectContainerAsync(await ContainerIdAsync(service));

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

    /// <summary>The compose.yaml of the project.</summary>
    protected abstract string ComposeFile();

    /// <summary>The backtrack.yml of the project.</summary>
    protected abstract string ConfigFile();

    /// <summary>Which of a service's containers <see cref="ContainerIdAsync"/> counts: all of them unless overridden.</summary>
    protected virtual bool Counts(ContainerListResponse container) => true;

    protected async Task WriteProjectFilesAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(ComposeDirectory, "compose.yaml"), ComposeFile());
        await File.WriteAllTextAsync(ConfigPath, ConfigFile());
    }

    /// <summary>docker compose up -d.</summary>
    protected virtual Task UpAsync() => ComposeAsync(null, "up", "-d");

    /// <summary>The real Compose client on this project, which must succeed.</summary>
    protected async Task ComposeAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(Compose.File, [.. Compose.Args, "-p", Project, .. args], ComposeDirectory, ComposeVariables(variables));
        Assert.True(result.ExitCode == 0, $"compose {string.Join(' ', args)}: {result}");
    }

    /// <summary>The Compose client's variables: DOCKER_HOST when the fixture has its own engine.</summary>
    private IReadOnlyDictionary<string, string>? ComposeVariables(IReadOnlyDictionary<string, string>? variables) =>
        dockerHost is null ? variables : new Dictionary<string, string>(variables ?? new Dictionary<string, string>()) { ["DOCKER_HOST"] = dockerHost };

    private static readonly HashSet<int> HandedOutPorts = [];

    /// <summary>
    /// A free TCP port on 127.0.0.1, below the kernel's ephemeral range (32768–60999): a port the kernel hands out
    /// (port 0) can be taken as the source port of any outgoing connection before the test's server binds it,
    /// which parallel tests under load did. Never the same port twice in one test run.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            lock (HandedOutPorts)
            {
                if (!HandedOutPorts.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken by something else on the machine: try another
            }
        }

        throw new InvalidOperationException("no free port on 127.0.0.1 between 20000 and 32000 in 500 attempts");
    }

    private static (string, string[]) ComposeCommand()
    {
        var v2 = ProcessRunner.RunAsync("docker", ["compose", "version"], Path.GetTempPath()).GetAwaiter().GetResult();
        return v2.ExitCode == 0 ? ("docker", ["compose"]) : ("docker-compose", []);
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
