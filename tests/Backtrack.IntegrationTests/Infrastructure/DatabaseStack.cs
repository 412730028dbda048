using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Backtrack.Compose;
using Docker.DotNet;
using Docker.DotNet.Models;
using Npgsql;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real Compose project with Postgres 15 and Redis 7 (the locally built backtrack-db image) and two
/// writer services, Postgres published on 127.0.0.1 only, under a unique project name, removed afterwards
/// (containers and volumes of this project only).
/// </summary>
public sealed class DatabaseStack : IAsyncLifetime
{
    public const string Image = "backtrack-db/postgres-redis:15-7";
    public const string PasswordVariable = "BT_TEST_PG_PASSWORD";
    public static readonly string[] Writers = ["app", "jobs"];

    public DatabaseStack()
    {
        Project = "bttest-" + Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory("backtrack-dbtest-").FullName;
        PostgresPort = FreePort();
        Password = "pw-" + Guid.NewGuid().ToString("N");
        Docker = new DockerClientBuilder().Build();
    }

    public string Project { get; }

    public string Directory { get; }

    public int PostgresPort { get; }

    public string Password { get; }

    public DockerClient Docker { get; }

    public string SnapshotDirectory => Path.Combine(Directory, "state", "snapshots");

    public string ConnectionString(string database = "shop") =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={Password};Database={database};Pooling=false;Timeout=10";

    public string EnvFile => Path.Combine(Directory, ".env");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(Directory, "compose.yaml"), ComposeFile());
        await File.WriteAllTextAsync(EnvFile, "APP_TAG=v1\nJOBS_TAG=v1\nFEATURE=first-value\n");
        await File.WriteAllTextAsync(Path.Combine(Directory, "backtrack.yml"), ConfigFile());
        await ComposeAsync("up", "-d");
        var db = await ContainerIdAsync("db");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await DockerExecAsync(db, "pg_isready", "-q", "-h", "127.0.0.1")).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "postgres did not become ready");
            await Task.Delay(100);
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE shop", connection);
        await create.ExecuteNonQueryAsync();
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

    /// <summary>A "deploy": the project's .env rewritten, then docker compose up -d.</summary>
    public async Task DeployAsync(string envFile)
    {
        await File.WriteAllTextAsync(EnvFile, envFile);
        await ComposeAsync("up", "-d");
    }

    /// <summary>A shell command in a service's container (busybox sh); its stdout.</summary>
    public async Task<string> ShellAsync(string service, string script)
    {
        var result = await DockerExecAsync(await ContainerIdAsync(service), "/bin/busybox", "sh", "-c", script);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    public Task<ProcessResult> BacktrackAsync(params string[] args) => BacktrackWithPasswordAsync(Password, args);

    public async Task<ProcessResult> BacktrackWithPasswordAsync(string password, params string[] args) =>
        await ProcessRunner.RunAsync("dotnet", [CliPath, .. args], Directory, new Dictionary<string, string> { [PasswordVariable] = password }, TimeSpan.FromMinutes(5));

    public System.Diagnostics.Process StartBacktrack(params string[] args) =>
        ProcessRunner.Start("dotnet", [CliPath, .. args], Directory, new Dictionary<string, string> { [PasswordVariable] = Password });

    public async Task<string> CreateSnapshotAsync()
    {
        var created = await BacktrackAsync("snapshot", "create", "--only", "databases", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        return JsonDocument.Parse(created.Stdout).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<string> ContainerIdAsync(string service)
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
        return containers[0].ID;
    }

    public async Task<ContainerInspectResponse> InspectAsync(string service) => await Docker.Containers.InspectContainerAsync(await ContainerIdAsync(service));

    public async Task<NpgsqlConnection> OpenAsync(string database = "shop")
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql, string database = "shop")
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, string database = "shop")
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A redis-cli command in the Redis container; its raw reply.</summary>
    public async Task<string> RedisAsync(params string[] args)
    {
        var result = await DockerExecAsync(await ContainerIdAsync("cache"), ["redis-cli", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    public static Task<ProcessResult> DockerExecAsync(string container, params string[] command) =>
        ProcessRunner.RunAsync("docker", ["exec", container, .. command], Path.GetTempPath());

    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll");

    private static (string File, string[] Args) Compose { get; } = ComposeCommand();

    private async Task ComposeAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync(Compose.File, [.. Compose.Args, "-p", Project, .. args], Directory, new Dictionary<string, string> { ["PG_PASSWORD"] = Password });
        Assert.True(result.ExitCode == 0, $"compose {string.Join(' ', args)}: {result}");
    }

    private static (string, string[]) ComposeCommand()
    {
        var v2 = ProcessRunner.RunAsync("docker", ["compose", "version"], Path.GetTempPath()).GetAwaiter().GetResult();
        return v2.ExitCode == 0 ? ("docker", ["compose"]) : ("docker-compose", []);
    }

    private string ComposeFile() => $$"""
        services:
          db:
            image: {{Image}}
            command: ["postgres"]
            environment:
              POSTGRES_PASSWORD: ${PG_PASSWORD}
            ports: ["127.0.0.1:{{PostgresPort}}:5432"]
            volumes: [pgdata:/var/lib/postgresql/data]
            labels: { {{TestStack.TestLabel}}: "true" }
          cache:
            image: {{Image}}
            command: ["redis"]
            volumes: [redisdata:/data]
            labels: { {{TestStack.TestLabel}}: "true" }
          app:
            image: backtrack-demo/worker:${APP_TAG:-v1}
            environment:
              FEATURE: ${FEATURE:-none}
            volumes: [files:/files]
            depends_on: [db, cache]
            labels: { {{TestStack.TestLabel}}: "true" }
          jobs:
            image: backtrack-demo/api:${JOBS_TAG:-v1}
            volumes: [uploads:/uploads]
            depends_on: [app]
            labels: { {{TestStack.TestLabel}}: "true" }
        volumes:
          files:
            labels: { {{TestStack.TestLabel}}: "true" }
          uploads:
            labels: { {{TestStack.TestLabel}}: "true" }
          pgdata:
            labels: { {{TestStack.TestLabel}}: "true" }
          redisdata:
            labels: { {{TestStack.TestLabel}}: "true" }
        """;

    private string ConfigFile() => $"""
        environments:
          test:
            project: {Project}
            stateDir: state
            healthTimeout: 15s
            stopTimeout: 5s
            services:
              app: {"{"} health: none {"}"}
              jobs: {"{"} health: none {"}"}
              cache: {"{"} health: none {"}"}
              db: {"{"} health: none {"}"}
            postgres:
              service: db
              user: postgres
              databases: [shop]
              passwordEnv: {PasswordVariable}
            redis:
              service: cache
            writers: [app, jobs]
        """;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
