using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>A multi-host rollback killed while one host has swapped and the other waits on its gate: repair undoes both from the journal.</summary>
public sealed class MultiHostRepairTests : IAsyncLifetime
{
    private readonly MultiHostStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_rollback_killed_after_one_host_swapped_is_undone_on_both_hosts_by_repair()
    {
        var before = (await stack.A.RunningWebAsync(), await stack.B.RunningWebAsync());

        // v2 passes host a's gate at once; host b's gate waits its 3 s for a /health v2 lacks: the kill lands there.
        await using (var rollback = stack.StartBacktrack("rollback", "service", "web", "--to", "v2", "--yes"))
        {
            await rollback.WaitForLineAsync("ok   a/web: wait until", TimeSpan.FromSeconds(60));
            await rollback.KillAsync();
        }

        Assert.Equal(await stack.A.ImageIdAsync("backtrack-demo/web:v2"), (await stack.A.InspectAsync("web")).Image);
        var repair = await stack.BacktrackAsync("repair", "--yes");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        Assert.Equal(before, (await stack.A.RunningWebAsync(), await stack.B.RunningWebAsync()));
        Assert.Single(await stack.A.ContainersAsync("web"));
        Assert.Single(await stack.B.ContainersAsync("web"));
        var status = await stack.BacktrackAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
    }
}
