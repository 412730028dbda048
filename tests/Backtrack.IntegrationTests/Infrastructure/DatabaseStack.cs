using Npgsql;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A real Compose project with Postgres 15 and Redis 7 (the locally built backtrack-db image) and two
/// writer services, Postgres published on 127.0.0.1 only, under a unique project name, removed afterwards
/// (containers and volumes of this project only).
/// </summary>
public sealed class DatabaseStack : ComposeFixture
{
    public const string Image = "backtrack-db/postgres-redis:15-7";
    public const string PasswordVariable = "BT_TEST_PG_PASSWORD";
    public static readonly string[] Writers = ["app", "jobs"];

    /// <param name="redisAppendOnly">Run Redis with AOF on (appendonly yes), whose files a restore must replace too.</param>
    public DatabaseStack(bool redisAppendOnly = false)
        : base("backtrack-dbtest-")
    {
        RedisAppendOnly = redisAppendOnly;
        PostgresPort = FreePort();
        Password = "pw-" + Guid.NewGuid().ToString("N");
    }

    public int PostgresPort { get; }

    public bool RedisAppendOnly { get; }

    public string Password { get; }

    public string SnapshotDirectory => Path.Combine(Directory, "state", "snapshots");

    public string ConnectionString(string database = "shop") =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={Password};Database={database};Pooling=false;Timeout=10";

    public string EnvFile => Path.Combine(Directory, ".env");

    /// <summary>The CLI gets the Postgres password and more time (dumps and restores).</summary>
    protected override IReadOnlyDictionary<string, string> CliVariables => new Dictionary<string, string> { [PasswordVariable] = Password };

    protected override TimeSpan CliTimeout => TimeSpan.FromMinutes(5);

    /// <summary>The project up with its .env, then Postgres ready and the database 'shop' created.</summary>
    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(EnvFile, "APP_TAG=v1\nJOBS_TAG=v1\nFEATURE=first-value\n");
        await base.InitializeAsync();
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

    /// <summary>A "deploy": the project's .env rewritten, then docker compose up -d.</summary>
    public async Task DeployAsync(string envFile)
    {
        await File.WriteAllTextAsync(EnvFile, envFile);
        await UpAsync();
    }

    /// <summary>A shell command in a service's container (busybox sh); its stdout.</summary>
    public async Task<string> ShellAsync(string service, string script)
    {
        var result = await DockerExecAsync(await ContainerIdAsync(service), "/bin/busybox", "sh", "-c", script);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    public Task<ProcessResult> BacktrackWithPasswordAsync(string password, params string[] args) =>
        BacktrackAsync(new Dictionary<string, string> { [PasswordVariable] = password }, args);

    public async Task<string> CreateSnapshotAsync()
    {
        var created = await BacktrackAsync("snapshot", "create", "--only", "databases", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        return ParseJson(created).GetProperty("id").GetString()!;
    }

    public async Task<NpgsqlConnection> OpenAsync(string database = "shop")
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The table the database tests count: items with 100 rows.</summary>
    public Task CreateItemsAsync() =>
        ExecuteAsync("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 100) g;");

    /// <summary>The env of the later release that <see cref="ChangeEverythingAsync"/> deploys.</summary>
    public const string LaterEnv = "APP_TAG=v2\nJOBS_TAG=v3\nFEATURE=later-value\n";

    /// <summary>Files modified, added and deleted in both volumes, env values, rows, keys, and other images deployed.</summary>
    public async Task ChangeEverythingAsync()
    {
        await ShellAsync("app", "printf changed > /files/a.txt && rm /files/sub/b.txt && printf stray > /files/stray.txt && mkdir /files/newdir");
        await ShellAsync("jobs", "printf upload-2 > /uploads/u1.bin && printf new > /uploads/u2.bin");
        await ExecuteAsync("INSERT INTO items (name) SELECT 'late ' || g FROM generate_series(1, 50) g; CREATE TABLE new_release (id int);");
        await RedisAsync("SET", "k1", "v2");
        await RedisAsync("DEL", "k2");
        await RedisAsync("SET", "k3", "v2");
        await DeployAsync(LaterEnv);
    }

    /// <summary>The first release's data of the full-rollback tests: items, two Redis keys, files with owners, modes and a link in app's volume.</summary>
    public async Task SeedFirstReleaseAsync()
    {
        await CreateItemsAsync();
        await RedisAsync("SET", "k1", "v1");
        await RedisAsync("SET", "k2", "v1");
        await ShellAsync("app", "mkdir -p /files/sub && printf alpha > /files/a.txt && printf beta > /files/sub/b.txt && chown 1234:5678 /files/a.txt && chmod 640 /files/a.txt && ln -s a.txt /files/link");
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

    /// <summary>docker compose up -d, with the Postgres password for the compose file.</summary>
    protected override Task UpAsync() => ComposeAsync(new Dictionary<string, string> { ["PG_PASSWORD"] = Password }, "up", "-d");

    protected override string ComposeFile() => $$"""
        services:
          db:
            image: {{Image}}
            command: ["postgres"]
            environment:
              POSTGRES_PASSWORD: ${PG_PASSWORD}
            ports: ["127.0.0.1:{{PostgresPort}}:5432"]
            volumes: [pgdata:/var/lib/postgresql/data]
            labels: { {{TestLabel}}: "true" }
          cache:
            image: {{Image}}
            command: ["redis"{{(RedisAppendOnly ? ", \"--appendonly\", \"yes\"" : "")}}]
            volumes: [redisdata:/data]
            labels: { {{TestLabel}}: "true" }
          app:
            image: backtrack-demo/worker:${APP_TAG:-v1}
            environment:
              FEATURE: ${FEATURE:-none}
            volumes: [files:/files]
            depends_on: [db, cache]
            restart: always
            labels: { {{TestLabel}}: "true" }
          jobs:
            image: backtrack-demo/api:${JOBS_TAG:-v1}
            volumes: [uploads:/uploads]
            depends_on: [app]
            labels: { {{TestLabel}}: "true" }
        volumes:
          files:
            labels: { {{TestLabel}}: "true" }
          uploads:
            labels: { {{TestLabel}}: "true" }
          pgdata:
            labels: { {{TestLabel}}: "true" }
          redisdata:
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
}
