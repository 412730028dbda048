using System.Text.Json;
using System.Text.RegularExpressions;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>Rollbacks of a real swarm stack deployed three times with 'docker stack deploy', beyond swarm's one PreviousSpec.</summary>
public sealed partial class SwarmRollbackTests : IAsyncLifetime
{
    private readonly VersionedSwarmStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Rollback_is_repaired_after_a_kill_undoes_every_service_when_one_gate_fails_and_reaches_two_deploys_back_exactly_without_a_failed_request()
    {
        // Given v1 (api v1, web v1), v2 (api v2, whose health check fails, web v1) and v3 (both v3), each recorded.
        var v1 = await RecordAsync("v1");
        var v1Spec = await stack.ContainerSpecAsync("api");
        await stack.DeployAsync("v2", "v1");
        var v2 = await RecordAsync("v2");
        await stack.DeployAsync("v3", "v3");
        await stack.UntilRunsAsync("api", "v3", 2);
        await stack.UntilRunsAsync("web", "v3", 1);
        await RecordAsync("v3");

        // When a rollback of api to v2 is killed while its gate waits, the next change is refused until repair puts v3 back.
        await using (var killed = stack.StartBacktrack("rollback", "service", "api", "--to", v2, "--yes"))
        {
            await SwarmNode.UntilAsync(async () => await ImageAsync("api") == "backtrack-demo/api:v2", TimeSpan.FromSeconds(60), "api updated to v2");
            await killed.KillAsync();
        }

        var blocked = await stack.BacktrackAsync("rollback", "all", "--to", v2, "--yes");
        Assert.True(blocked.ExitCode == 3, blocked.ToString());
        var repair = await stack.BacktrackAsync("repair", "--yes");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Equal("backtrack-demo/api:v3", await ImageAsync("api"));
        await stack.UntilRunsAsync("api", "v3", 2);

        // When the whole stack goes back to v2, web passes its gate but api fails its own:
        var failed = await stack.BacktrackAsync("rollback", "all", "--to", v2, "--yes", "--health-timeout", "20s");

        // Then both are back on v3 (exit 1: failed, restored).
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("failed its gate", failed.Stdout + failed.Stderr);
        Assert.Contains("undo: update service", failed.Stdout);
        Assert.Equal("backtrack-demo/api:v3", await ImageAsync("api"));
        Assert.Equal("backtrack-demo/web:v3", await ImageAsync("web"));
        await stack.UntilRunsAsync("api", "v3", 2);
        await stack.UntilRunsAsync("web", "v3", 1);

        // When api goes back two deploys, to v1, while a client asks it every 100 ms (start-first):
        await stack.StartClientAsync();
        var rollback = await stack.BacktrackAsync("rollback", "service", "api", "--to", v1, "--yes");
        var requests = await stack.StopClientAsync();

        // Then image, env, secret, config and mounts are v1's exactly, every task runs it, and no request failed.
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var restored = await stack.ContainerSpecAsync("api");
        foreach (var field in new[] { "Image", "Env", "Secrets", "Configs", "Mounts" })
        {
            Assert.Equal(v1Spec.GetProperty(field).GetRawText(), restored.GetProperty(field).GetRawText());
        }

        Assert.Contains($"{stack.Stack}_secret_v1", restored.GetProperty("Secrets").GetRawText());
        await stack.UntilRunsAsync("api", "v1", 2);
        Assert.DoesNotContain("FAIL", requests);
        Assert.Contains("OK", requests);
        Assert.DoesNotContain("token-v", rollback.Stdout + rollback.Stderr);

        // And a release whose secret was removed since is refused at planning, naming it (exit 2, nothing changed).
        var remove = await SwarmNode.DockerAsync("secret", "rm", $"{stack.Stack}_secret_v2");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var refused = await stack.BacktrackAsync("rollback", "service", "api", "--to", v2, "--yes");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains($"api: secret '{stack.Stack}_secret_v2'", refused.Stderr);
        Assert.Equal("backtrack-demo/api:v1", await ImageAsync("api"));
    }

    private async Task<string?> ImageAsync(string service) => (await stack.ContainerSpecAsync(service)).GetProperty("Image").GetString();

    private async Task<string> RecordAsync(string note)
    {
        var record = await stack.BacktrackAsync("record", "--note", note);
        Assert.True(record.ExitCode == 0, record.ToString());
        return ReleaseId().Match(record.Stdout).Groups[1].Value;
    }

    [GeneratedRegex(@"recorded release (\d+)")]
    private static partial Regex ReleaseId();
}
