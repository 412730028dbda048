using Backtrack.Configuration;
using Backtrack.Health;
using Backtrack.Releases;
using Backtrack.Status;
using Backtrack.Tests.Engine;
using Backtrack.Tests.Rollback.Backends;

namespace Backtrack.Tests.Releases;

/// <summary>A release's rows of a Compose project: what the operation or the inspection already knows of a container's health is not checked again.</summary>
public sealed class ReleaseRowsTests
{
    [Fact]
    public async Task Given_one_container_passed_its_gate_when_the_rows_are_read_then_it_is_healthy_unchecked_and_the_other_is_checked()
    {
        var running = new Dictionary<string, string> { ["api"] = "shop/api:v1", ["web"] = "shop/web:v1" };
        var inspector = new ProjectInspector(new FakeComposeEngine("shop", running));
        // Nothing answers on port 1: a check made would fail.
        var unreachable = new HttpHealthCheck(new Uri("http://127.0.0.1:1/health"));
        var env = new EnvironmentConfig("prod", null, "shop", "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>
        {
            ["api"] = new("api", unreachable),
            ["web"] = new("web", unreachable),
        });
        using var http = new HttpClient();
        var checker = new HealthChecker(ScriptedEngine.Answering().Engine, http);

        var rows = await ReleaseRecorder.ContainerRowsAsync(inspector, checker, env, new HashSet<string> { "shop-api-1" }, CancellationToken.None);

        Assert.Equal([("api", true), ("web", false)], rows.Select(r => (r.Service, r.Healthy)).Order());
    }

    [Theory]
    [InlineData("healthy", true, true)]
    [InlineData("unhealthy", true, false)]
    [InlineData("starting", true, null)]
    [InlineData(null, true, null)]
    [InlineData("healthy", false, false)]
    public void A_container_checked_by_its_own_healthcheck_is_recorded_by_the_engines_last_verdict_and_asked_only_without_one(string? verdict, bool running, bool? known)
    {
        var inspected = ScriptedEngine.Container(running, running ? "running" : "exited");
        var container = inspected with { State = inspected.State with { Health = verdict } };

        Assert.Equal(known, ReleaseRecorder.KnownHealth(container, new ContainerHealthCheck()));
        Assert.Equal(running, ReleaseRecorder.KnownHealth(container, new NoHealthCheck()));
        Assert.Null(ReleaseRecorder.KnownHealth(container, new HttpHealthCheck(new Uri("http://127.0.0.1:1/health"))));
    }
}
