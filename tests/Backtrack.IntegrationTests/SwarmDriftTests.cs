using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>A real swarm stack rolled back to an image tag: status and the rollback say the stack file would roll it forward; pin writes the running images back.</summary>
public sealed class SwarmDriftTests : IAsyncLifetime
{
    private readonly DriftSwarmStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Rollback_to_a_tag_warns_of_the_stack_file_status_shows_the_drift_and_pin_writes_the_running_images_back()
    {
        // Given v1 recorded, then v3 deployed from the stack file (API_TAG=v3 in .env, worker's image line v3) and recorded.
        await RecordAsync();
        await stack.DeployAsync("v3", "v3");
        await stack.UntilRunsAsync("api", "v3", 1);
        await stack.UntilRunsAsync("worker", "v3", 1);
        await RecordAsync();

        // When both services go back to the tag v1:
        var rollback = await stack.BacktrackAsync("rollback", "service", "api", "worker", "--to", "v1", "--yes");

        // Then they run v1, and the rollback and status say the stack file would bring v3 back.
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("warning: api: stack file says backtrack-demo/api:v3, running backtrack-demo/api:v1; 'backtrack pin api'", rollback.Stderr);
        Assert.Contains("warning: worker: stack file says backtrack-demo/worker:v3, running backtrack-demo/worker:v1", rollback.Stderr);
        var drifted = await stack.BacktrackAsync("status");
        Assert.True(drifted.ExitCode == 0, drifted.ToString());
        Assert.Contains("api: stack file says backtrack-demo/api:v3, running backtrack-demo/api:v1", drifted.Stdout);

        // When pinned: .env's variable and worker's image line name v1, and nothing drifts any more.
        var pin = await stack.BacktrackAsync("pin", "--yes");
        Assert.True(pin.ExitCode == 0, pin.ToString());
        Assert.Equal("API_TAG=v1\n", await File.ReadAllTextAsync(stack.EnvPath));
        Assert.Contains("image: backtrack-demo/worker:v1\n", await File.ReadAllTextAsync(stack.StackPath));
        Assert.Contains("image: backtrack-demo/api:${API_TAG:-v1}\n", await File.ReadAllTextAsync(stack.StackPath));
        var pinned = SwarmStack.ParseJson(await stack.BacktrackAsync("status", "-o", "json"));
        Assert.All(pinned.GetProperty("services").EnumerateArray(), s => Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("drift").ValueKind));

        // And a tag no release ran is refused in one line naming 'releases'; without stackFile drift is unknown and pin is refused.
        var unknownTag = await stack.BacktrackAsync("rollback", "service", "api", "--to", "v9", "--yes");
        Assert.True(unknownTag.ExitCode == 2 && unknownTag.Stderr.Contains("'backtrack releases'", StringComparison.Ordinal), unknownTag.ToString());
        await File.WriteAllLinesAsync(
            Path.Combine(stack.Directory, "nostack.yml"), (await File.ReadAllLinesAsync(stack.ConfigPath)).Select(l => l.Replace(" stackFile: stack.yml,", "", StringComparison.Ordinal)));
        var unknown = await stack.BacktrackAsync("status", "--config", "nostack.yml");
        Assert.True(unknown.Stdout.Contains("drift unknown: add 'stackFile:", StringComparison.Ordinal), unknown.ToString());
        var refused = await stack.BacktrackAsync("pin", "--config", "nostack.yml", "--yes");
        Assert.True(refused.ExitCode == 2 && refused.Stderr.Contains("add 'stackFile: path/to/stack.yml'", StringComparison.Ordinal), refused.ToString());
    }

    private async Task RecordAsync()
    {
        var record = await stack.BacktrackAsync("record");
        Assert.True(record.ExitCode == 0, record.ToString());
    }
}
