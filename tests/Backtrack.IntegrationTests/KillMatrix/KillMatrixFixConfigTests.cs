using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'fix config' (the project's .env back from .env.backup, the service using the changed key recreated) killed at every step, then repaired.</summary>
public sealed class KillMatrixFixConfigTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ChangedEnv = "WEB_TAG=v1\nMODEL_MODE=good\nAPI_TOKEN=second-secret-value\n";
    private readonly GitStack stack = new();

    private string EnvPath => Path.Combine(stack.DeployPath, ".env");

    /// <summary>The .env saved as .env.backup, then a changed secret deployed (healthy too, so status passes either way): the "before".</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        File.Copy(EnvPath, Path.Combine(stack.DeployPath, ".env.backup"));
        await DeployChangedAsync();
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_fix_config_killed_at_any_step_when_repaired_then_the_env_file_and_services_are_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "fix-config",
            ["fix", "config", "--no-verify"],
            State: () => GitStackState.DescribeAsync(stack, ".env", ".env.backup"),
            Reset: DeployChangedAsync));

        Assert.Contains(rows, r => r.Kind == "env-file.restore");
    }

    private async Task DeployChangedAsync()
    {
        await File.WriteAllTextAsync(EnvPath, ChangedEnv);
        await stack.DeployAsync();
    }
}
