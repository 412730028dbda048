using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>rollback full on a real swarm stack deployed by 'docker stack deploy': volumes, Postgres and the services' specs back.</summary>
public sealed class SwarmFullTests : IAsyncLifetime
{
    private readonly SwarmDatabaseStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_full_snapshot_when_a_volume_file_rows_and_a_services_image_change_and_it_is_rolled_back_then_all_three_are_the_snapshots()
    {
        // Given a full snapshot (its release names the services' specs) with a file in app's volume.
        await ShellAsync("printf alpha > /files/a.txt");
        var created = await stack.BacktrackWithPasswordAsync("snapshot", "create", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var manifest = SwarmStack.ParseJson(created);
        var id = manifest.GetProperty("id").GetString()!;
        Assert.True(manifest.GetProperty("release").GetProperty("releaseId").GetInt64() > 0, created.Stdout);

        // When the file, the rows and app's image change.
        await ShellAsync("printf changed > /files/a.txt && printf stray > /files/stray.txt");
        await stack.PsqlAsync("shop", "DELETE FROM items WHERE id > 60");
        await stack.UpdateImageAsync("app", "backtrack-demo/worker:v2");
        await SwarmNode.UntilAsync(async () => (await ImageAsync()).StartsWith("backtrack-demo/worker:v2", StringComparison.Ordinal) && await stack.ReplicasAsync("app") == "1/1",
            TimeSpan.FromSeconds(30), "app on v2");
        var rollback = await stack.BacktrackWithPasswordAsync("rollback", "full", "--to", id, "--yes", "--no-verify");

        // Then app was scaled to 0, its volume replaced, the rows restored and app is back on its recorded spec.
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"scale service {stack.Stack}_app from 1 to 0 replicas", rollback.Stdout);
        Assert.StartsWith("backtrack-demo/worker:v1", await ImageAsync(), StringComparison.Ordinal);
        Assert.Equal("1/1", await stack.ReplicasAsync("app"));
        Assert.Equal("100", await stack.PsqlAsync("shop", "SELECT count(*) FROM items"));
        Assert.Equal("alpha", await ShellAsync("cat /files/a.txt"));
        Assert.Equal("absent", await ShellAsync("[ -e /files/stray.txt ] && echo present || echo absent"));
    }

    private Task<string> ShellAsync(string script) => stack.ExecAsync("app", "/bin/busybox", "sh", "-c", script);

    private async Task<string> ImageAsync() =>
        (await SwarmNode.DockerAsync("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", $"{stack.Stack}_app")).Stdout.Trim();
}
