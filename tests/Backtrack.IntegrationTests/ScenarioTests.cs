using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>fix model, fix config and fix memory on the real engine, with the real Compose client and git.</summary>
public sealed class ScenarioTests : IAsyncLifetime
{
    private readonly GitStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    private string ModelFile => Path.Combine(stack.DeployPath, "models", "model.bin");

    [Fact]
    public async Task Fix_model_restores_the_file_from_git_restarts_the_service_and_keeps_the_bad_file()
    {
        await stack.CommitAsync("new model", new Dictionary<string, string> { ["models/model.bin"] = "corrupt weights\n" });
        await stack.GitAsync("push", "-q", "origin", "main");
        Assert.Equal(1, (await stack.BacktrackAsync("health")).ExitCode);
        var before = await stack.InspectAsync("model");

        var missing = await stack.BacktrackAsync("fix", "model", "models/nope.bin", "--restart", "model", "--yes");
        Assert.Equal(2, missing.ExitCode);
        var outside = await stack.BacktrackAsync("fix", "model", "../backtrack.yml", "--restart", "model", "--yes");
        Assert.Equal(2, outside.ExitCode);
        var dryRun = await stack.BacktrackAsync("fix", "model", "models/model.bin", "--restart", "model", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal("corrupt weights\n", await File.ReadAllTextAsync(ModelFile));
        Assert.Equal(before.State.StartedAt, (await stack.InspectAsync("model")).State.StartedAt);

        var result = await stack.BacktrackAsync("fix", "model", "models/model.bin", "--restart", "model", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(GitStack.GoodModel, await File.ReadAllTextAsync(ModelFile));
        var kept = Directory.GetFiles(Path.Combine(stack.StatePath, "replaced"), "model.bin", SearchOption.AllDirectories);
        Assert.Equal("corrupt weights\n", await File.ReadAllTextAsync(Assert.Single(kept)));
        var after = await stack.InspectAsync("model");
        Assert.Equal(before.ID, after.ID);
        Assert.NotEqual(before.State.StartedAt, after.State.StartedAt);
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());
    }

    [Fact]
    public async Task Fix_config_restores_env_recreates_only_the_services_that_use_changed_keys_and_shows_keys_only()
    {
        var envPath = Path.Combine(stack.DeployPath, ".env");
        File.Copy(envPath, Path.Combine(stack.DeployPath, ".env.backup"));
        await File.WriteAllTextAsync(envPath, "WEB_TAG=v1\nMODEL_MODE=broken\nAPI_TOKEN=second-secret-value\n");
        await stack.DeployAsync();
        Assert.Equal(1, (await stack.BacktrackAsync("health")).ExitCode);
        var web = await stack.InspectAsync("web");
        var model = await stack.InspectAsync("model");

        var dryRun = await stack.BacktrackAsync("fix", "config", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("MODEL_MODE changed", dryRun.Stdout);
        Assert.Contains("API_TOKEN changed", dryRun.Stdout);
        Assert.Contains("MODEL_MODE=broken", await File.ReadAllTextAsync(envPath));

        var result = await stack.BacktrackAsync("fix", "config", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.Stdout + result.Stderr + dryRun.Stdout;
        Assert.DoesNotContain(GitStack.Secret, output);
        Assert.DoesNotContain("second-secret-value", output);
        Assert.DoesNotContain("broken", output);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(stack.DeployPath, ".env.backup")), await File.ReadAllTextAsync(envPath));
        Assert.Equal(web.ID, (await stack.InspectAsync("web")).ID);
        Assert.NotEqual(model.ID, (await stack.InspectAsync("model")).ID);
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());

        var missing = await stack.BacktrackAsync("fix", "config", "--from", "no-such.env", "--yes");
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task Fix_memory_sets_the_limit_through_the_engine_restarts_and_shows_memory_before_and_after()
    {
        var before = await stack.InspectAsync("model");
        Assert.Equal(2, (await stack.BacktrackAsync("fix", "memory", "model", "--limit", "lots", "--yes")).ExitCode);
        Assert.Equal(2, (await stack.BacktrackAsync("fix", "memory", "nosuch", "--limit", "64m", "--yes")).ExitCode);
        var dryRun = await stack.BacktrackAsync("fix", "memory", "model", "--limit", "64m", "--restart", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal(before.HostConfig.Memory, (await stack.InspectAsync("model")).HostConfig.Memory);

        var result = await stack.BacktrackAsync("fix", "memory", "model", "--limit", "64m", "--restart", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var after = await stack.InspectAsync("model");
        Assert.Equal(64L * 1024 * 1024, after.HostConfig.Memory);
        Assert.NotEqual(before.State.StartedAt, after.State.StartedAt);
        Assert.Contains("model memory: before", result.Stdout);
        Assert.Contains("of 64 MiB", result.Stdout);
        Assert.Contains("mem_limit", result.Stderr);
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());
    }
}
