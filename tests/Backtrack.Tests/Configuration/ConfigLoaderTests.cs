using Backtrack.Configuration;

namespace Backtrack.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Path = "/srv/deploy/backtrack.yml";

    [Fact]
    public void Given_a_full_file_when_parsed_then_every_setting_is_read()
    {
        var config = ConfigLoader.Parse("""
            environments:
              prod:
                engine: tcp://127.0.0.1:2375
                project: shop
                stateDir: /var/lib/backtrack
                healthTimeout: 45s
                stopTimeout: 500ms
                keepAside: 3
                services:
                  web:
                    health: http://127.0.0.1:8080/health
                  db:
                    health: none
                  worker:
                  api:
                    swap: start-first
                    drain: 500ms
                  cache:
                    swap: stop-first
              staging:
                project: shop-staging
            """, Path);

        var prod = config.Select(null);
        Assert.Equal("prod", prod.Name);
        Assert.Equal("tcp://127.0.0.1:2375", prod.Engine);
        Assert.Equal("shop", prod.Project);
        Assert.Equal("/var/lib/backtrack", prod.StateDirectory);
        Assert.Equal(TimeSpan.FromSeconds(45), prod.HealthTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), prod.StopTimeout);
        Assert.Equal(3, prod.KeepAside);
        Assert.Equal(new Uri("http://127.0.0.1:8080/health"), Assert.IsType<HttpHealthCheck>(prod.Services["web"].Health).Url);
        Assert.IsType<NoHealthCheck>(prod.Services["db"].Health);
        Assert.IsType<ContainerHealthCheck>(prod.Services["worker"].Health);
        Assert.IsType<ContainerHealthCheck>(prod.ServiceOrDefault("unconfigured").Health);
        Assert.Equal((SwapOrder.Auto, ServiceConfig.DefaultDrain), (prod.Services["web"].Swap, prod.Services["web"].Drain));
        Assert.Equal((SwapOrder.StartFirst, TimeSpan.FromMilliseconds(500)), (prod.Services["api"].Swap, prod.Services["api"].Drain));
        Assert.Equal(SwapOrder.StopFirst, prod.Services["cache"].Swap);

        var staging = config.Select("staging");
        Assert.Equal("/srv/deploy/.backtrack/staging", staging.StateDirectory);
        Assert.Equal(TimeSpan.FromSeconds(30), staging.HealthTimeout);
    }

    [Fact]
    public void Given_the_capability_sections_when_parsed_then_each_is_read_with_its_defaults()
    {
        var env = ConfigLoader.Parse("""
            environments:
              prod:
                project: shop
                postgres: { service: db, user: app, databases: [shop, audit], passwordEnv: SHOP_PG_PASSWORD }
                redis: { service: cache }
                writers: [web, worker]
                git: { path: ../deploy, branch: release, protected: [main], redeploy: docker compose up -d }
                notify: { webhookUrlEnv: SHOP_WEBHOOK }
                verify: { restartWindow: 3s }
                keepReleases: 5
                snapshots: { configPaths: [.env] }
            """, Path).Select(null);

        Assert.Equal(("db", "app", "SHOP_PG_PASSWORD"), (env.Postgres!.Service, env.Postgres.User, env.Postgres.PasswordEnv));
        Assert.Equal(["shop", "audit"], env.Postgres!.Databases);
        Assert.Equal(1, env.Postgres.Compression);
        Assert.Equal("cache", env.Redis!.Service);
        Assert.Equal(["web", "worker"], env.Writers);
        Assert.Equal("/srv/deploy", env.Git!.Path);
        Assert.Equal(("origin", "release", "docker compose up -d"), (env.Git.Remote, env.Git.Branch, env.Git.RedeployCommand));
        Assert.Equal("SHOP_WEBHOOK", env.Notify.WebhookUrlEnv);
        Assert.Equal(TimeSpan.FromSeconds(3), env.Verify.RestartWindow);
        Assert.Contains("Traceback", env.Verify.ErrorPatterns);
        Assert.Equal(5, env.KeepReleases);
        Assert.Equal("/srv/deploy/.backtrack/prod/snapshots", env.Snapshots.Directory);
        Assert.Equal(["/srv/deploy/.env"], env.Snapshots.ConfigPaths);
    }

    [Theory]
    [InlineData("environments:\n  prod:\n    project: shop\n    helth: x\n", "backtrack.yml:4: environments.prod.helth: unknown key")]
    [InlineData("environments:\n  prod:\n    stateDir: x\n", "backtrack.yml:3: environments.prod.project: missing")]
    [InlineData("environments:\n  prod:\n    project: shop\n    services:\n      web:\n        health: ftp://x\n", "backtrack.yml:6: environments.prod.services.web.health: expected an http(s) URL")]
    [InlineData("environments:\n  prod:\n    project: shop\n    healthTimeout: soon\n", "backtrack.yml:4: environments.prod.healthTimeout: 'soon' is not a duration")]
    [InlineData("environments:\n  prod:\n    project: shop\n    healthTimeout: 0s\n", "backtrack.yml:4: environments.prod.healthTimeout: '0s' is too short; give at least 1ms")]
    [InlineData("environments:\n  prod:\n    project: shop\n    stopTimeout: 99999999999d\n", "backtrack.yml:4: environments.prod.stopTimeout: '99999999999d' is too long; give at most 30d")]
    [InlineData("environments:\n  prod:\n    project: shop\n    verify:\n      restartWindow: -1s\n", "backtrack.yml:5: environments.prod.verify.restartWindow: '-1s' is not a duration")]
    [InlineData("environments:\n  prod:\n    project: shop\n    services:\n      web:\n        swap: blue-green\n", "backtrack.yml:6: environments.prod.services.web.swap: expected start-first, stop-first or auto (got 'blue-green')")]
    [InlineData("environments:\n  prod: [\n", "backtrack.yml:3: invalid YAML")]
    [InlineData("services: {}\n", "backtrack.yml:1: services: unknown key")]
    [InlineData("environments:\n  prod:\n    project: shop\n    postgres:\n      service: db\n      compression: 12\n", "backtrack.yml:6: environments.prod.postgres.compression: '12' is not a pg_dump compression level (0-9)")]
    [InlineData("environments:\n  prod:\n    project: shop\n    secrets: API_TOKEN\n", "backtrack.yml:4: environments.prod.secrets: expected a list")]
    [InlineData("environments:\n  prod:\n    project: shop\n    secrets:\n      - API_TOKEN\n      - not a name\n", "backtrack.yml:6: environments.prod.secrets[1]: expected a variable name (API_TOKEN) or 'file: PATH'")]
    [InlineData("environments:\n  prod:\n    project: shop\n    secrets:\n      - file: /nonexistent/secret\n", "backtrack.yml:5: environments.prod.secrets[0].file: /nonexistent/secret does not exist")]
    public void Given_a_bad_file_when_parsed_then_the_error_names_file_line_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse(yaml, "backtrack.yml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_secrets_when_parsed_then_names_and_files_are_read_files_relative_to_the_config()
    {
        var directory = Directory.CreateTempSubdirectory("bt-config-").FullName;
        try
        {
            File.WriteAllText(System.IO.Path.Combine(directory, "api.key"), "k");

            var env = ConfigLoader.Parse(
                "environments:\n  prod:\n    project: shop\n    secrets:\n      - STRIPE_HOOK\n      - file: api.key\n",
                System.IO.Path.Combine(directory, "backtrack.yml")).Select(null);

            Assert.Equal(["STRIPE_HOOK"], env.Secrets.Variables);
            Assert.Equal([System.IO.Path.Combine(directory, "api.key")], env.Secrets.Files);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Given_an_unknown_environment_when_selected_then_the_error_lists_the_known_ones()
    {
        var config = ConfigLoader.Parse("environments:\n  prod:\n    project: shop\n  dev:\n    project: shop-dev\n", Path);

        var error = Assert.Throws<BacktrackException>(() => config.Select("qa"));

        Assert.Equal($"unknown environment 'qa' in {Path}; known: prod, dev", error.Message);
    }

    [Fact]
    public void Given_no_file_when_located_then_the_error_says_how_to_make_one()
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Locate(null, "/nonexistent-dir"));

        Assert.Contains("run 'backtrack init'", error.Message);
    }

    [Fact]
    public void Snapshot_copies_and_the_host_are_read_with_paths_relative_to_the_file()
    {
        var env = ConfigLoader.Parse("""
            environments:
              prod:
                project: shop
                host: { address: deploy@nebula:2222, dir: /opt/shop }
                snapshots:
                  copyTo: ../copies
                  identityFile: keys/backup
                  knownHosts: /etc/backtrack/known_hosts
              staging:
                project: shop
                snapshots: { copyTo: "sftp://backup@vault/srv/copies" }
            """, Path).Environments;

        Assert.Equal(new RemoteHostConfig("deploy@nebula:2222", "/opt/shop"), env[0].RemoteHost);
        Assert.Equal("/srv/copies", env[0].Snapshots.CopyTo);
        Assert.Equal("/srv/deploy/keys/backup", env[0].Snapshots.IdentityFile);
        Assert.Equal("/etc/backtrack/known_hosts", env[0].Snapshots.KnownHosts);
        Assert.Equal("sftp://backup@vault/srv/copies", env[1].Snapshots.CopyTo);
        Assert.Null(env[1].RemoteHost);
    }
}
