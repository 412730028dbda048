using Backtrack.Compose;
using Backtrack.IntegrationTests.Infrastructure;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Rollbacks and a restart of the Docker daemon, on a second dockerd of the test's own. "restart: always"
/// starts a container when the daemon starts even if it was stopped by hand: a container set aside must
/// have the policy "no" while aside, and its own policy back when it comes back.
/// </summary>
public sealed class DaemonRestartTests(SecondEngine engine) : IClassFixture<SecondEngine>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly DaemonStack stack = new(engine);

    public async Task InitializeAsync()
    {
        await engine.CopyImagesAsync("backtrack-demo/web:v1", "backtrack-demo/web:v2", "backtrack-demo/web:v3");
        await stack.InitializeAndRecordAsync("v1");
        await stack.DeployAsync("v3");
        await stack.RecordAsync("v3");
    }

    public async Task DisposeAsync()
    {
        await engine.EnsureStartedAsync();
        await stack.DisposeAsync();
    }

    [Fact]
    public async Task After_a_rollback_a_daemon_restart_runs_only_the_rolled_back_version()
    {
        var deployed = await stack.InspectAsync(DaemonStack.Service);

        var result = await stack.BacktrackAsync("rollback", "service", DaemonStack.Service, "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var aside = await stack.Docker.Containers.InspectContainerAsync(deployed.ID);
        Assert.True(ContainerNames.IsAside(aside.Name), aside.Name);
        Assert.Equal(RestartPolicyKind.No, aside.HostConfig.RestartPolicy.Name);

        await engine.RestartAsync();

        var running = await UntilRunningAsync();
        Assert.Equal("backtrack-demo/web:v1", running.Config.Image);
        Assert.Equal(RestartPolicyKind.Always, running.HostConfig.RestartPolicy.Name);
        Assert.Equal(running.ID, Assert.Single(await stack.RunningAsync()).ID);
    }

    [Fact]
    public async Task A_rollback_cut_by_a_daemon_restart_is_repaired_to_the_version_before()
    {
        var before = await stack.InspectAsync(DaemonStack.Service);

        // The target v2 never passes its check (it has no /health): the daemon goes down while the
        // rollback is in its health gate, with the old container aside and the new one running.
        await using (var process = stack.StartBacktrack("rollback", "service", DaemonStack.Service, "--to", "v2", "--yes", "--health-timeout", "60s"))
        {
            await UntilAsync(async () => InHealthGate(await stack.ContainersAsync(DaemonStack.Service), before.ID), "the rollback never reached its health gate");
            await engine.StopAsync();

            // The gate waits through the engine's restart; killed now, the rollback leaves its operation unfinished, as a crash does.
            Assert.False(process.HasExited, "the rollback ended while the engine was down");
            await process.KillAsync();
        }

        await engine.StartAsync();
        var aside = await stack.Docker.Containers.InspectContainerAsync(before.ID);
        Assert.True(ContainerNames.IsAside(aside.Name), aside.Name);
        Assert.False(aside.State.Running, "the container set aside was started by the daemon");

        var repair = await stack.BacktrackAsync("repair", "--yes");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        var running = await UntilRunningAsync();
        Assert.Equal(before.ID, running.ID);
        Assert.Equal("backtrack-demo/web:v3", running.Config.Image);
        Assert.Equal(before.ID, Assert.Single(await stack.ContainersAsync(DaemonStack.Service)).ID);
        Assert.Equal(RestartPolicyKind.Always, running.HostConfig.RestartPolicy.Name);
    }

    [Fact]
    public async Task A_rollback_that_outlives_a_daemon_restart_fails_its_gate_and_puts_back_the_container_with_its_policy()
    {
        var before = await stack.InspectAsync(DaemonStack.Service);

        await using (var process = stack.StartBacktrack("rollback", "service", DaemonStack.Service, "--to", "v2", "--yes", "--health-timeout", "20s"))
        {
            await UntilAsync(async () => InHealthGate(await stack.ContainersAsync(DaemonStack.Service), before.ID), "the rollback never reached its health gate");
            await engine.RestartAsync();

            using var deadline = new CancellationTokenSource(Bound);
            await process.WaitForExitAsync(deadline.Token);
            var output = $"exit {process.ExitCode}\n{await process.StandardOutput.ReadToEndAsync()}\n{await process.StandardError.ReadToEndAsync()}";
            Assert.True(process.ExitCode == 1, output);
            Assert.Contains("not healthy within 20 s", output, StringComparison.Ordinal);
        }

        var running = await UntilRunningAsync();
        Assert.Equal(before.ID, running.ID);
        Assert.Equal(before.Name, running.Name);
        Assert.Equal(RestartPolicyKind.Always, running.HostConfig.RestartPolicy.Name);
        Assert.Equal(before.ID, Assert.Single(await stack.ContainersAsync(DaemonStack.Service)).ID);
    }

    /// <summary>The service's proper container once it runs: the engine restarts containers as it starts.</summary>
    private async Task<ContainerInspectResponse> UntilRunningAsync()
    {
        ContainerListResponse? proper = null;
        await UntilAsync(
            async () => (proper = (await stack.RunningAsync()).FirstOrDefault(c => IsProper(c) && c.State == "running")) is not null,
            "the service's container did not run again");
        return await stack.Docker.Containers.InspectContainerAsync(proper!.ID);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure} within {Bound.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    private static bool InHealthGate(IList<ContainerListResponse> containers, string oldId) =>
        containers.Any(c => c.ID == oldId && ContainerNames.IsAside(c.Names[0]))
        && containers.Any(c => c.ID != oldId && IsProper(c) && c.State == "running");

    private static bool IsProper(ContainerListResponse container) =>
        !ContainerNames.IsAside(container.Names[0]) && !ContainerNames.IsStaging(container.Names[0]);
}
