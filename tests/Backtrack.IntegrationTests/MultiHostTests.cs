using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// One environment on two hosts (<see cref="MultiHostStack"/>: two ssh:// engines, two Compose projects):
/// status over both, a rollback on both in one plan with the checklist on both, a failed gate on one host undone on both. The refusal
/// of a host without the target image is <see cref="MultiHostRefusalTests"/>, in parallel.
/// </summary>
public sealed class MultiHostTests : IAsyncLifetime
{
    private readonly MultiHostStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Status_covers_both_hosts_a_rollback_runs_on_both_and_a_gate_failing_on_one_host_is_undone_on_both()
    {
        var record = await stack.BacktrackAsync("record", "--note", "v1 on both");
        Assert.True(record.ExitCode == 0, record.ToString());
        Assert.Contains("a/web=backtrack-demo/web:v1", record.Stdout);
        Assert.Contains("b/web=backtrack-demo/web:v1", record.Stdout);

        var status = await stack.BacktrackAsync("status", "-o", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        var rows = ComposeFixture.ParseJson(status).GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], rows.Select(r => r.GetProperty("host").GetString()).Order());
        var table = await stack.BacktrackAsync("health");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("HOST", table.Stdout);

        var good = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");
        Assert.True(good.ExitCode == 0, good.ToString());
        // The checklist ran on both hosts, one result: its subjects name the host.
        Assert.Contains("verification passed", good.Stdout);
        Assert.Matches(@"(?m)^\s*running\s+.*a/web\s+.*pass", good.Stdout);
        Assert.Matches(@"(?m)^\s*running\s+.*b/web\s+.*pass", good.Stdout);
        var v3 = await stack.A.ImageIdAsync("backtrack-demo/web:v3");
        Assert.Equal(v3, (await stack.A.InspectAsync("web")).Image);
        Assert.Equal(v3, (await stack.B.InspectAsync("web")).Image);
        var releases = await stack.BacktrackAsync("releases", "web", "-o", "json");
        var newest = ComposeFixture.ParseJson(releases)[0];
        Assert.True(newest.GetProperty("current").GetBoolean(), releases.ToString());
        Assert.Equal(["a/web", "b/web"], newest.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("service").GetString()));

        // v2 has /version (host a's check) but no /health (host b's): b fails its gate, a had swapped already.
        var before = (await stack.A.ContainerIdAsync("web"), await stack.B.ContainerIdAsync("web"));
        var failed = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v2", "--yes");

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("ok   a/web: undo: start", failed.Stdout);
        Assert.Equal(before, (await stack.A.RunningWebAsync(), await stack.B.RunningWebAsync()));
        Assert.Equal(v3, (await stack.A.InspectAsync("web")).Image);
        Assert.Equal(v3, (await stack.B.InspectAsync("web")).Image);
    }
}
