using Backtrack.Compose;
using Backtrack.Engine;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Verify;

namespace Backtrack.Tests.Rollback;

public sealed class RollbackPlannerTests
{
    [Theory]
    [InlineData("shop/web:v2", "v1", "shop/web:v1")]
    [InlineData("registry.local:5000/shop/web:v2", "v1", "registry.local:5000/shop/web:v1")]
    [InlineData("shop/web", "v1", "shop/web:v1")]
    [InlineData("shop/web:v2@sha256:0123456789ab", "v1", "shop/web:v1")]
    [InlineData("shop/web:v2", "other/web:v1", "other/web:v1")]
    [InlineData("shop/web:v2", "sha256:0123456789ab", "sha256:0123456789ab")]
    [InlineData("shop/web:v2", "0123456789abcdef", "0123456789abcdef")]
    public void A_bare_tag_means_the_current_repository_at_that_tag(string current, string target, string expected)
    {
        Assert.Equal(expected, RollbackPlanner.ImageReference(current, target));
    }

    [Fact]
    public void Services_come_after_the_services_they_depend_on()
    {
        var containers = new[]
        {
            Container("web", "api:service_started:false"),
            Container("api", "db:service_healthy:true,cache:service_started:false"),
            Container("db", null),
            Container("cache", null),
        };

        var levels = RollbackPlanner.DependencyLevels(containers);

        Assert.Equal(0, levels["db"]);
        Assert.Equal(0, levels["cache"]);
        Assert.Equal(1, levels["api"]);
        Assert.Equal(2, levels["web"]);
    }

    [Fact]
    public void A_dependency_cycle_does_not_hang_the_planner()
    {
        var levels = RollbackPlanner.DependencyLevels([Container("a", "b:service_started:false"), Container("b", "a:service_started:false")]);

        Assert.Equal(2, levels.Count);
    }

    [Fact]
    public void The_checklist_runs_beside_the_record_after_the_rollback_not_after_it()
    {
        var request = new RollbackRequest(["web"], "v1", ImageOnly: false, StopTimeout: null, HealthTimeout: null);

        var closing = RollbackPlanner.ClosingWave(3, request, [new PruneAsideStep(3, "web", "shop", "shop-web-1", 0)]).ToList();

        Assert.Equal(["release.record", "container.prune-aside", "verify"], closing.Select(s => s.Kind));
        Assert.All(closing, s => Assert.Equal(3, s.Wave));
        Assert.Equal(3, closing.Select(s => s.Lane).Distinct().Count());
    }

    [Fact]
    public void Without_verification_the_closing_wave_has_no_checklist()
    {
        var request = new RollbackRequest(["web"], "v1", ImageOnly: false, StopTimeout: null, HealthTimeout: null, Verify: false);

        Assert.DoesNotContain(RollbackPlanner.ClosingWave(3, request, []), s => s is VerifyStep);
    }

    private static ContainerDetails Container(string service, string? dependsOn)
    {
        var labels = new Dictionary<string, string> { [ComposeLabels.Service] = service };
        if (dependsOn is not null)
        {
            labels[ComposeLabels.DependsOn] = dependsOn;
        }

        return new ContainerDetails(
            service, service, "sha256:" + new string('0', 64),
            new ContainerState("running", true, null, 0, 0, null),
            new ContainerSpec { Image = service, HostConfigJson = "{}", Labels = labels },
            [], [], [], RestartPolicy.No);
    }
}
