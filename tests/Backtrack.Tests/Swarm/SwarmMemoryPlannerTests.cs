using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Tests.Swarm;

public sealed class SwarmMemoryPlannerTests
{
    private static readonly EnvironmentConfig Env =
        new("prod", null, "shop", "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>()) { Backend = Backend.Swarm };

    [Fact]
    public async Task Given_a_service_limited_to_128m_when_fix_memory_asks_256m_then_the_plan_updates_it_gates_it_and_its_undo_names_128m()
    {
        var plan = await Planner(128L << 20).PlanAsync(Env, "api", 256L << 20, CancellationToken.None);

        var update = Assert.IsType<SetServiceMemoryStep>(plan.Steps[0]);
        Assert.Equal(("id-api", 256L << 20, (long?)(128L << 20)), (update.ServiceId, update.Limit, update.Before));
        Assert.Equal("update service shop_api: memory limit 128 MiB -> 256 MiB", update.Describe());
        Assert.Equal("update service shop_api: memory limit back to 128 MiB", update.DescribeCompensation());
        Assert.Equal("shop_api", Assert.IsType<ServiceGateStep>(plan.Steps[1]).Name);
    }

    [Fact]
    public async Task Given_a_service_without_a_limit_when_its_limit_is_asked_then_the_undo_removes_it_again()
    {
        var plan = await Planner(null).PlanAsync(Env, "api", 64L << 20, CancellationToken.None);

        var update = Assert.IsType<SetServiceMemoryStep>(plan.Steps[0]);
        Assert.Null(update.Before);
        Assert.Contains("unlimited -> 64 MiB", plan.Summary, StringComparison.Ordinal);
        Assert.Equal("update service shop_api: memory limit none -> 64 MiB", update.Describe());
        Assert.Equal("update service shop_api: memory limit back to none", update.DescribeCompensation());
    }

    [Fact]
    public async Task Given_the_limit_asked_already_when_planned_then_nothing_changes()
    {
        var plan = await Planner(64L << 20).PlanAsync(Env, "api", 64L << 20, CancellationToken.None);

        Assert.Empty(plan.Steps);
    }

    private static SwarmMemoryPlanner Planner(long? limit)
    {
        var api = new ServiceDetails("id-api", "shop_api", 7, "api:v1", ServiceMode.Replicated, 2, null, null, [], new Dictionary<string, string>())
        {
            Spec = new SwarmServiceSpec { Json = "{}", Image = "api:v1", TaskDigest = "t1", MemoryLimit = limit },
        };
        return new SwarmMemoryPlanner(new StackInspector(new FakeServiceQueries([api], [], [])), TimeProvider.System);
    }
}
