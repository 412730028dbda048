using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests.StartFirst;

/// <summary>
/// Issue 15: a service with no published port, behind a real haproxy, is rolled back start-first while a
/// request loop runs through the proxy on 127.0.0.1: no request fails, whether the target passes its gate
/// or not.
/// </summary>
public sealed class StartFirstRollbackTests : IAsyncLifetime
{
    private readonly ProxyStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_a_service_behind_a_proxy_when_rolled_back_under_load_then_no_request_fails()
    {
        var old = await stack.WebAsync();
        ProcessResult result;
        await using (var loop = new RequestLoop(stack.VersionUrl))
        {
            result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes", "--no-verify");
            await loop.StopAsync();

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(loop.Failures.Count == 0, $"{loop.Failures.Count} of {loop.Requests} requests failed: {string.Join("\n", loop.Failures.Take(3))}\n{result}\n{await stack.ProxyLogAsync()}");
            Assert.True(loop.Requests > 10, $"only {loop.Requests} requests ran");
            Assert.Contains("web v3", loop.Bodies);
        }

        Assert.Contains("start-first", result.Stdout, StringComparison.Ordinal);
        var now = await stack.WebAsync();
        Assert.NotEqual(old.ID, now.ID);
        Assert.Equal(old.Name, now.Name);
        Assert.True(now.State.Running);
        Assert.Equal(Aliases(old), Aliases(now));
        Assert.Contains("web", Aliases(now));
        Assert.Contains(old.Name.TrimStart('/'), Aliases(now));
        Assert.Equal([now.ID], (await stack.ContainersAsync("web")).Select(c => c.ID));
    }

    [Fact]
    public async Task Given_a_target_that_fails_its_gate_when_rolled_back_under_load_then_the_old_container_serves_throughout_untouched()
    {
        var old = await stack.WebAsync();
        ProcessResult result;
        await using (var loop = new RequestLoop(stack.VersionUrl))
        {
            // v2 has no /health: its container check fails, and the gate with it.
            result = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v2", "--yes", "--no-verify", "--health-timeout", "2s");
            await loop.StopAsync();

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.True(loop.Failures.Count == 0, $"{loop.Failures.Count} of {loop.Requests} requests failed: {string.Join("\n", loop.Failures.Take(3))}\n{result}\n{await stack.ProxyLogAsync()}");
            Assert.True(loop.Requests > 10, $"only {loop.Requests} requests ran");
        }

        var now = await stack.WebAsync();
        Assert.Equal(old.ID, now.ID);
        Assert.Equal(old.State.StartedAt, now.State.StartedAt);
        Assert.True(now.State.Running);
        Assert.Equal(old.HostConfig.RestartPolicy.Name, now.HostConfig.RestartPolicy.Name);
        Assert.Single(await stack.ContainersAsync("web"));
    }

    private static List<string> Aliases(Docker.DotNet.Models.ContainerInspectResponse container) =>
        container.NetworkSettings.Networks.SelectMany(n => n.Value.Aliases ?? [])
            .Where(a => !container.ID.StartsWith(a, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}
