using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>fix config with a snapshot as the source of the project's .env.</summary>
public sealed class FixConfigFromSnapshotTests : IAsyncLifetime
{
    private readonly GitStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task The_env_file_comes_back_from_a_config_snapshot_and_a_damaged_one_is_refused()
    {
        var envPath = Path.Combine(stack.DeployPath, ".env");
        var good = await File.ReadAllTextAsync(envPath);
        var created = await stack.BacktrackAsync("snapshot", "create", "--only", "config", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = TestStack.ParseJson(created).GetProperty("id").GetString()!;
        await File.WriteAllTextAsync(envPath, "WEB_TAG=v1\nMODEL_MODE=broken\nAPI_TOKEN=second-secret-value\n");
        await stack.DeployAsync();
        Assert.Equal(1, (await stack.BacktrackAsync("health")).ExitCode);

        var result = await stack.BacktrackAsync("fix", "config", "--from", id, "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("second-secret-value", result.Stdout + result.Stderr);
        Assert.Equal(good, await File.ReadAllTextAsync(envPath));
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());

        var copy = Directory.GetFiles(Path.Combine(stack.StatePath, "snapshots", id, "config"), "*-.env").Single();
        await File.AppendAllTextAsync(copy, "TAMPERED=1\n");
        await File.WriteAllTextAsync(envPath, "WEB_TAG=v1\nMODEL_MODE=broken\n");

        var refused = await stack.BacktrackAsync("fix", "config", "--from", id, "--yes");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("damaged", refused.Stderr);
        Assert.Equal("WEB_TAG=v1\nMODEL_MODE=broken\n", await File.ReadAllTextAsync(envPath));
    }
}
