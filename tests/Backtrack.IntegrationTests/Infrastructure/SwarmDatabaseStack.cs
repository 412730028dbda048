namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A swarm stack with Postgres 15 (the locally built backtrack-db image, one replica, its data in the
/// stack's volume 'pgdata') and a writer 'app' (one replica, a volume 'files'), deployed by 'docker stack
/// deploy'. Postgres is not published: the test reaches it with psql inside its task's container.
/// Disposing removes the stack, then its volumes (by the stack's label).
/// </summary>
/// <param name="withRedis">Also Redis 7 ('cache', one replica, its data in the stack's volume 'redisdata'), configured as the environment's Redis.</param>
public sealed class SwarmDatabaseStack(bool withRedis = false) : SwarmStack
{
    public const string PasswordVariable = "BT_TEST_PG_PASSWORD";

    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    /// <summary>The stack up, Postgres answering, the database 'shop' created with 100 items.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SwarmNode.UntilAsync(async () => (await PsqlResultAsync("postgres", "SELECT 1")).ExitCode == 0, TimeSpan.FromSeconds(60), "postgres answers");
        await PsqlAsync("postgres", "CREATE DATABASE shop");
        await PsqlAsync("shop", "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 100) g;");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        var volumes = await SwarmNode.DockerAsync("volume", "ls", "-q", "--filter", $"label=com.docker.stack.namespace={Stack}");
        foreach (var volume in volumes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await SwarmNode.DockerAsync("volume", "rm", volume);
        }
    }

    /// <summary>The backtrack CLI with the Postgres password in its environment.</summary>
    public Task<ProcessResult> BacktrackWithPasswordAsync(params string[] args) =>
        ProcessRunner.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "Backtrack.Cli.dll"), .. args], Directory,
            new Dictionary<string, string> { [PasswordVariable] = Password }, TimeSpan.FromMinutes(3));

    /// <summary>One SQL command through psql in the db task's container; its trimmed output.</summary>
    public async Task<string> PsqlAsync(string database, string sql)
    {
        var result = await PsqlResultAsync(database, sql);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    /// <summary>A redis-cli command in the cache task's container; its trimmed reply.</summary>
    public Task<string> RedisAsync(params string[] args) => ExecAsync("cache", ["redis-cli", .. args]);

    /// <summary>A command in the running container of a service's task; its trimmed output.</summary>
    public async Task<string> ExecAsync(string service, params string[] command)
    {
        var container = await TaskContainerAsync(service);
        var result = await SwarmNode.DockerAsync(["exec", container, .. command]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    /// <summary>The running replica count of a service of the stack (docker service ls).</summary>
    public async Task<string> ReplicasAsync(string service) =>
        (await SwarmNode.DockerAsync("service", "ls", "--filter", $"name={Stack}_{service}", "--format", "{{.Replicas}}")).Stdout.Trim();

    protected override string StackFile() => $$"""
        version: "3.8"
        services:
          db:
            image: backtrack-db/postgres-redis:15-7
            command: ["postgres"]
            environment:
              POSTGRES_PASSWORD: {{Password}}
            volumes: [pgdata:/var/lib/postgresql/data]
            labels: { {{TestLabel}}: "true" }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
          app:
            image: backtrack-demo/worker:v1
            volumes: [files:/files]
            labels: { {{TestLabel}}: "true" }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
        {{(withRedis ? RedisService : "")}}
        volumes:
        {{(withRedis ? RedisVolume : "")}}
          pgdata:
            labels: { {{TestLabel}}: "true" }
          files:
            labels: { {{TestLabel}}: "true" }
        networks:
          default:
            labels: { {{TestLabel}}: "true" }
        """;

    protected override string ConfigFile() => $"""
        environments:
          swarm:
            backend: swarm
            stack: {Stack}
            stateDir: state
            healthTimeout: 30s
            stopTimeout: 20s
            verify:
              errorPatterns: [panic]
              restartWindow: 1s
            services:
              db: {"{"} health: none {"}"}
              app: {"{"} health: none {"}"}
              {(withRedis ? "cache: { health: none }" : "")}
            postgres:
              service: db
              user: postgres
              databases: [shop]
              passwordEnv: {PasswordVariable}
            writers: [app]
        {(withRedis ? RedisConfig : "")}
        """;

    /// <summary>The Redis service of the stack file, indented to sit under services:.</summary>
    private static string RedisService => $$"""
          cache:
            image: backtrack-db/postgres-redis:15-7
            command: ["redis"]
            volumes: [redisdata:/data]
            labels: { {{TestLabel}}: "true" }
            deploy:
              replicas: 1
              labels: { {{TestLabel}}: "true" }
        """;

    private static string RedisVolume => $$"""
          redisdata:
            labels: { {{TestLabel}}: "true" }
        """;

    /// <summary>The environment's Redis section, indented to sit under the environment.</summary>
    private const string RedisConfig = """
            redis:
              service: cache
        """;

    private async Task<ProcessResult> PsqlResultAsync(string database, string sql)
    {
        var container = await TaskContainerAsync("db");
        return container.Length == 0
            ? new ProcessResult(1, "", "no db container yet")
            : await SwarmNode.DockerAsync("exec", container, "psql", "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql);
    }

    /// <summary>The running container of a service's task ("" while there is none).</summary>
    public async Task<string> TaskContainerAsync(string service) =>
        (await SwarmNode.DockerAsync("ps", "-q", "--filter", $"label=com.docker.swarm.service.name={Stack}_{service}")).Stdout.Trim();
}
