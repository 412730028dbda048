using Backtrack.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Backtrack.IntegrationTests.Kills;

/// <summary>Issue 12: 'fix model' killed at every step, then repaired.</summary>
public sealed class KillMatrixFixModelTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "models/model.bin";
    private readonly GitStack stack = new();

    /// <summary>A newer model (healthy too, so status passes either way) committed and pushed: the "before".</summary>
    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.CommitAsync("model v2", new Dictionary<string, string> { [Model] = "good-model-weights v2\n" });
        await stack.GitAsync("push", "-q", "origin", "main");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_fix_model_killed_at_any_step_when_repaired_then_the_model_file_and_service_are_exactly_as_before_or_after()
    {
        var matrix = new KillMatrix(stack, output);

        var rows = await matrix.RunAsync(new KillMatrixCase(
            "fix-model",
            ["fix", "model", Model, "--to", "HEAD~1", "--restart", "model", "--no-verify"],
            State: () => GitStackState.DescribeAsync(stack, Model),
            Reset: () => stack.GitAsync("checkout", "--", Model)));

        Assert.Contains(rows, r => r.Kind == "file.restore-from-git");
    }
}
