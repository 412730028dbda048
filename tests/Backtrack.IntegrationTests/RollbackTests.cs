using Backtrack.Compose;
using Backtrack.Execution;
using Backtrack.IntegrationTests.Infrastructure;
using Backtrack.Rollback;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests;

/// <summary>The quick rollback on the real engine: exact specs, health gates, undo on failure, lock, repair.</summary>
public sealed class RollbackTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAndRecordAsync("v1");

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Rollback_all_brings_back_the_previous_release_with_its_complete_spec()
    {
        var before = new Dictionary<string, ContainerInspectResponse>();
        foreach (var service in new[] { "web", "api", "worker" })
        {
            before[service] = await stack.InspectAsync(service);
        }

        // A bad deploy: new images and a changed env value.
        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v2", ["API_TAG"] = "v3", ["SECRET_TOKEN"] = "second-secret-value" });
        Assert.True((await stack.BacktrackAsync("record", "--note", "bad")).ExitCode == 0);

        var result = await stack.BacktrackAsync("rollback", "all", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("first-secret-value", result.Stdout + result.Stderr);
        Assert.DoesNotContain("second-secret-value", result.Stdout + result.Stderr);
        foreach (var (service, old) in before)
        {
            var now = await stack.InspectAsync(service);
            Assert.Equal(old.Image, now.Image);
            Assert.Equal(old.Name, now.Name);
            Assert.Equal(old.Config.Env.Order(), now.Config.Env.Order());
            Assert.Equal(old.Config.Labels.OrderBy(l => l.Key), now.Config.Labels.OrderBy(l => l.Key));
            Assert.Equal(Mounts(old), Mounts(now));
            Assert.Equal(Ports(old), Ports(now));
            Assert.Equal(Networks(old), Networks(now));
            Assert.Equal(old.HostConfig.RestartPolicy.Name, now.HostConfig.RestartPolicy.Name);
            Assert.True(now.State.Running);
        }

        var status = await stack.BacktrackAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
    }

    [Fact]
    public async Task A_target_image_that_is_missing_stops_nothing()
    {
        var before = await stack.InspectAsync("api");

        var result = await stack.BacktrackAsync("rollback", "service", "api", "--to", "v9", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("backtrack-demo/api:v9 is not on the engine and could not be pulled", result.Stdout);
        var after = await stack.InspectAsync("api");
        Assert.Equal(before.ID, after.ID);
        Assert.True(after.State.Running);
        Assert.Equal(before.State.StartedAt, after.State.StartedAt);
    }

    [Fact]
    public async Task A_target_that_fails_its_health_gate_leaves_the_previous_container_running_and_healthy()
    {
        var before = await stack.InspectAsync("web");

        var result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v2", "--yes", "--health-timeout", "2s");

        Assert.Equal(1, result.ExitCode);
        var after = await stack.InspectAsync("web");
        Assert.Equal(before.ID, after.ID);
        Assert.Equal(before.Name, after.Name);
        Assert.True(after.State.Running);
        Assert.Single(await stack.ContainersAsync("web"));
        var health = await stack.BacktrackAsync("health");
        Assert.True(health.ExitCode == 0, health.ToString());
        var history = await stack.BacktrackAsync("history", "-o", "json", "--limit", "1");
        Assert.Contains("failed its health gate", history.Stdout);
        Assert.Contains("RolledBack", history.Stdout);
    }

    [Fact]
    public async Task Rollback_to_a_tag_swaps_the_container_and_leaves_no_container_compose_would_trip_over()
    {
        var result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var now = await stack.InspectAsync("web");
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v3"), now.Image);
        Assert.Single(await stack.ContainersAsync("web"));
    }

    [Fact]
    public async Task After_a_rollback_the_compose_drift_is_shown_and_pinning_makes_compose_up_keep_the_rolled_back_image()
    {
        await File.WriteAllTextAsync(Path.Combine(stack.Directory, ".env"), "WEB_TAG=v3\nSECRET_TOKEN=first-secret-value\n");
        await stack.DeployAsync(new Dictionary<string, string>(), "web");
        Assert.True((await stack.BacktrackAsync("rollback", "service", "web", "--yes")).ExitCode == 0);

        var status = await stack.BacktrackAsync("status");
        Assert.Contains("compose file says backtrack-demo/web:v3, running backtrack-demo/web:v1", status.Stdout);
        var pin = await stack.BacktrackAsync("pin", "--yes");
        Assert.True(pin.ExitCode == 0, pin.ToString());
        Assert.DoesNotContain("first-secret-value", pin.Stdout + pin.Stderr);
        var pinned = await stack.InspectAsync("web");

        await stack.DeployAsync(new Dictionary<string, string>(), "web");

        var after = await stack.InspectAsync("web");
        Assert.Equal(pinned.ID, after.ID);
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), after.Image);
        Assert.Contains("SECRET_TOKEN=first-secret-value", await File.ReadAllTextAsync(Path.Combine(stack.Directory, ".env")));
        Assert.DoesNotContain("compose file says", (await stack.BacktrackAsync("status")).Stdout);
    }

    [Fact]
    public async Task A_killed_rollback_is_shown_by_status_and_repaired_to_exactly_one_running_container()
    {
        var before = await stack.InspectAsync("web");

        // The broken v2 keeps the rollback in its health gate; kill it there: once the old container is
        // aside and the new one runs under the service's name.
        await using (var process = stack.StartBacktrack("rollback", "service", "web", "--to", "v2", "--yes", "--health-timeout", "60s"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!InHealthGate(await stack.ContainersAsync("web"), before.ID))
            {
                Assert.True(DateTime.UtcNow < deadline, "the rollback never reached its health gate");
                await Task.Delay(50);
            }

            await process.KillAsync();
        }

        var status = await stack.BacktrackAsync("status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("was interrupted; run 'backtrack repair'", status.Stdout);
        var killed = (await stack.ContainersAsync("web")).Select(c => $"{c.ID}:{c.Names[0]}:{c.State}").Order().ToList();
        foreach (var command in new[] { "rollback all --yes", "cleanup --yes", "snapshot cleanup --yes", "pin --yes", "record", "snapshot create --only config", "fix memory web --limit 64m --yes" })
        {
            var refused = await stack.BacktrackAsync(command.Split(' '));
            Assert.True(refused.ExitCode == 3, $"{command}: {refused}");
            Assert.Contains("run 'backtrack repair' first (nothing was changed)", refused.Stderr);
        }

        Assert.Equal(killed, (await stack.ContainersAsync("web")).Select(c => $"{c.ID}:{c.Names[0]}:{c.State}").Order().ToList());

        var repair = await stack.BacktrackAsync("repair", "--yes");

        Assert.True(repair.ExitCode == 0, repair.ToString());
        var containers = await stack.ContainersAsync("web");
        var running = Assert.Single(containers, c => c.State == "running");
        Assert.Equal(before.ID, running.ID);
        Assert.Equal(before.Name, running.Names[0]);
        var after = await stack.BacktrackAsync("status");
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task A_second_rollback_while_one_holds_the_lock_is_refused()
    {
        var config = await stack.EnvironmentAsync();
        using (EnvironmentLock.Acquire(config.StateDirectory, "rollback all", TimeProvider.System))
        {
            var result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("environment is locked by 'rollback all'", result.Stderr);
        }

        var free = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");
        Assert.True(free.ExitCode == 0, free.ToString());
    }

    [Fact]
    public async Task A_plan_made_before_someone_deployed_is_refused_and_changes_nothing()
    {
        var config = await stack.EnvironmentAsync();
        using var environment = stack.OpenEnvironment(config);
        var planner = await environment.RollbackPlannerAsync(CancellationToken.None);
        var plan = await planner.PlanAsync(config, new RollbackRequest(["web"], "v3", false, null, null), CancellationToken.None);

        await stack.DeployAsync(new Dictionary<string, string> { ["SECRET_TOKEN"] = "changed" }, "web");
        var deployed = await stack.InspectAsync("web");
        using var session = await environment.Operations.BeginAsync("test", dryRun: false, CancellationToken.None);
        var outcome = await session.RunAsync(plan, [], CancellationToken.None);

        Assert.Equal(ExecutionOutcome.RolledBack, outcome.Execution.Outcome);
        Assert.Contains("changed since the plan was made", outcome.Execution.Error);
        Assert.Equal(ExitCodes.Conflict, outcome.ExitCode);
        Assert.Equal(deployed.ID, (await stack.InspectAsync("web")).ID);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        var before = await stack.InspectAsync("web");

        var result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--dry-run", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var steps = TestStack.ParseJson(result).GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()).ToList();
        Assert.Contains(steps, s => s!.StartsWith("create ", StringComparison.Ordinal));
        Assert.Contains(steps, s => s!.StartsWith("wait until ", StringComparison.Ordinal));
        Assert.Equal(before.ID, (await stack.InspectAsync("web")).ID);
        Assert.Single(await stack.ContainersAsync("web"));
    }

    private static bool InHealthGate(IList<ContainerListResponse> containers, string oldId) =>
        containers.Any(c => c.ID == oldId && ContainerNames.IsAside(c.Names[0].TrimStart('/')))
        && containers.Any(c => c.ID != oldId && !ContainerNames.IsAside(c.Names[0]) && !ContainerNames.IsStaging(c.Names[0]) && c.State == "running");

    private static List<string> Mounts(ContainerInspectResponse c) =>
        c.Mounts.Select(m => $"{m.Type}:{m.Name ?? m.Source}:{m.Destination}:{m.RW}").Order().ToList();

    private static List<string> Ports(ContainerInspectResponse c) =>
        c.HostConfig.PortBindings?.SelectMany(p => p.Value.Select(b => $"{p.Key}={b.HostIP}:{b.HostPort}")).Order().ToList() ?? [];

    private static List<string> Networks(ContainerInspectResponse c) =>
        c.NetworkSettings.Networks.Select(n => $"{n.Key}:{string.Join(",", (n.Value.Aliases ?? []).Where(a => a != c.ID[..12]).Order())}").Order().ToList();
}
