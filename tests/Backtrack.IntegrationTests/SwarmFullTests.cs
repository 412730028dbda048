using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// rollback db of Redis and rollback full on a real swarm stack deployed by 'docker stack deploy' (Postgres,
/// Redis and a writer with a volume): one stack for both, to keep the suite's wall time.
/// </summary>
public sealed class SwarmFullTests : IAsyncLifetime
{
    private readonly SwarmDatabaseStack stack = new(withRedis: true);

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await SwarmNode.UntilAsync(async () => (await stack.RedisAsync("PING")) == "PONG", TimeSpan.FromSeconds(30), "redis answers");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_snapshots_when_redis_keys_then_a_volume_file_rows_and_a_services_image_change_then_rollback_db_and_rollback_full_bring_each_back()
    {
        // Given a full snapshot (its release names the services' specs) with two Redis keys and a file in app's volume.
        await stack.RedisAsync("SET", "k1", "v1");
        await stack.RedisAsync("SET", "k2", "v1");
        await ShellAsync("printf alpha > /files/a.txt");
        var created = await stack.BacktrackWithPasswordAsync("snapshot", "create", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var manifest = SwarmStack.ParseJson(created);
        var id = manifest.GetProperty("id").GetString()!;
        Assert.True(manifest.GetProperty("release").GetProperty("releaseId").GetInt64() > 0, created.Stdout);

        // When Redis's keys change and its database is rolled back.
        await stack.RedisAsync("SET", "k1", "v2");
        await stack.RedisAsync("DEL", "k2");
        await stack.RedisAsync("SET", "k3", "v2");
        var db = await stack.BacktrackWithPasswordAsync("rollback", "db", "--from", id, "--only", "redis", "--yes", "--no-verify");

        // Then Redis was scaled to 0, its volume filled, scaled back, and its keys are the snapshot's.
        Assert.True(db.ExitCode == 0, db.ToString());
        Assert.Contains($"scale service {stack.Stack}_cache from 1 to 0 replicas", db.Stdout);
        Assert.Contains($"put the Redis files of snapshot {id} into volume {stack.Stack}_redisdata", db.Stdout);
        Assert.Contains($"scale service {stack.Stack}_app from 0 to 1 replicas", db.Stdout);
        Assert.Equal(["v1", "v1", "0"], [await stack.RedisAsync("GET", "k1"), await stack.RedisAsync("GET", "k2"), await stack.RedisAsync("EXISTS", "k3")]);

        // When the file, the rows, a key and app's image change, and the whole snapshot is rolled back.
        await ShellAsync("printf changed > /files/a.txt && printf stray > /files/stray.txt");
        await stack.PsqlAsync("shop", "DELETE FROM items WHERE id > 60");
        await stack.RedisAsync("SET", "k4", "v3");
        await stack.UpdateImageAsync("app", "backtrack-demo/worker:v2");
        await SwarmNode.UntilAsync(async () => (await ImageAsync()).StartsWith("backtrack-demo/worker:v2", StringComparison.Ordinal) && await stack.ReplicasAsync("app") == "1/1",
            TimeSpan.FromSeconds(30), "app on v2");
        var full = await stack.BacktrackWithPasswordAsync("rollback", "full", "--to", id, "--yes", "--no-verify");

        // Then app was scaled to 0, its volume replaced, the rows and keys restored and app is back on its recorded spec.
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.Contains($"scale service {stack.Stack}_app from 1 to 0 replicas", full.Stdout);
        Assert.StartsWith("backtrack-demo/worker:v1", await ImageAsync(), StringComparison.Ordinal);
        Assert.Equal("1/1", await stack.ReplicasAsync("app"));
        Assert.Equal("100", await stack.PsqlAsync("shop", "SELECT count(*) FROM items"));
        Assert.Equal("0", await stack.RedisAsync("EXISTS", "k4"));
        Assert.Equal("alpha", await ShellAsync("cat /files/a.txt"));
        Assert.Equal("absent", await ShellAsync("[ -e /files/stray.txt ] && echo present || echo absent"));
    }

    private Task<string> ShellAsync(string script) => stack.ExecAsync("app", "/bin/busybox", "sh", "-c", script);

    private async Task<string> ImageAsync() =>
        (await SwarmNode.DockerAsync("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", $"{stack.Stack}_app")).Stdout.Trim();
}
