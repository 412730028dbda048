using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'rollback all' of two dependent services (web depends on api) killed at every step, then repaired.</summary>
public sealed class KillMatrixRollbackAllTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestStack stack = new();

    /// <summary>Release 1: v1 everywhere; release 2 (the "before"): web and api at v3.</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAndRecordAsync("v1");
        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v3", ["API_TAG"] = "v3" });
        await stack.RecordAsync("v3");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_rollback_all_of_dependent_services_killed_at_any_step_when_repaired_then_the_stack_is_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "rollback-all",
            ["rollback", "all", "--to", "1", "--no-verify"],
            State: null,
            Reset: () => BacktrackAsync("rollback", "all", "--to", "2", "--no-verify", "--yes")));

        Assert.Contains(rows, r => r.Kind == "container.create" && r.Description.Contains("-web-1", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Kind == "container.create" && r.Description.Contains("-api-1", StringComparison.Ordinal));
    }

    private async Task BacktrackAsync(params string[] args)
    {
        var result = await stack.BacktrackAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
