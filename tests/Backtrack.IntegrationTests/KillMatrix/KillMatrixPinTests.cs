using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'pin' of two rolled-back services (their .env variables; the project has no .env yet) killed at every step, then repaired.</summary>
public sealed class KillMatrixPinTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestStack stack = new();

    private string EnvPath => Path.Combine(stack.Directory, ".env");

    private string OverridePath => Path.Combine(stack.Directory, "compose.backtrack.yaml");

    /// <summary>web and api rolled to v3 by backtrack: the Compose file still says v1 for both.</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAndRecordAsync("v1");
        await BacktrackAsync("rollback", "service", "web", "api", "--to", "v3", "--no-verify", "--yes");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_pin_killed_at_any_step_when_repaired_then_the_compose_files_are_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);
        Assert.False(File.Exists(EnvPath));

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "pin",
            ["pin"],
            State: async () => $".env: {await ReadAsync(EnvPath)}\noverride: {await ReadAsync(OverridePath)}\nfiles: {string.Join(' ', Directory.GetFiles(stack.Directory).Order(StringComparer.Ordinal))}\n",
            Reset: () =>
            {
                File.Delete(EnvPath);
                return Task.CompletedTask;
            }));

        Assert.Equal(2, rows.Count(r => r.Kind == "compose.pin-variable"));
    }

    private static async Task<string> ReadAsync(string path) => File.Exists(path) ? $"[{await File.ReadAllTextAsync(path)}]" : "<absent>";

    private async Task BacktrackAsync(params string[] args)
    {
        var result = await stack.BacktrackAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
