using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'rollback service' (with its closing verify) killed at every step, then repaired.</summary>
public sealed class KillMatrixRollbackServiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAndRecordAsync("v1");

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_rollback_service_killed_at_any_step_when_repaired_then_the_stack_is_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "rollback-service",
            ["rollback", "service", "web", "--to", "v3"],
            State: null,
            Reset: () => BacktrackAsync("rollback", "service", "web", "--to", "1", "--no-verify", "--yes")));

        Assert.Contains(rows, r => r.Kind == "verify");
    }

    private async Task BacktrackAsync(params string[] args)
    {
        var result = await stack.BacktrackAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
