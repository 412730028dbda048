using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>
/// Issue 15: a start-first 'rollback service' (api publishes no port: its new container is started and gated
/// beside the old one, which then drains, stops and steps aside) killed at every step, then repaired.
/// </summary>
public sealed class KillMatrixRollbackStartFirstTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ReplaceInConfigAsync("      api:\n        health: docker\n", "      api:\n        health: docker\n        drain: 200ms\n");
        await stack.RecordAsync("v1");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_start_first_rollback_killed_at_any_step_when_repaired_then_the_stack_is_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = (await matrix.RunAsync(new KillMatrixCase(
            "rollback-start-first",
            ["rollback", "service", "api", "--to", "v3"],
            State: null,
            Reset: () => BacktrackAsync("rollback", "service", "api", "--to", "1", "--no-verify", "--yes")))).ToList();

        Assert.Contains(rows, r => r.Kind == "container.drain");
        Assert.True(
            rows.FindIndex(r => r.Kind == "health.gate") < rows.FindIndex(r => r.Kind == "container.stop"),
            "the new container is gated before the old one stops");
    }

    private async Task BacktrackAsync(params string[] args)
    {
        var result = await stack.BacktrackAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
