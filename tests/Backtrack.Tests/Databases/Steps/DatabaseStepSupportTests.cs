using Backtrack.Configuration;
using Backtrack.Databases.Steps;
using Backtrack.Planning;
using Backtrack.Swarm;
using Backtrack.Targets;
using Backtrack.Tests.Targets;

namespace Backtrack.Tests.Databases.Steps;

public sealed class DatabaseStepSupportTests
{
    [Fact]
    public async Task Given_swarm_replaced_the_postgres_task_since_planning_when_a_step_runs_then_its_client_reaches_the_new_container()
    {
        var env = ConfigLoader.Parse("""
            environments:
              prod:
                backend: swarm
                stack: shop
                postgres: { service: db, user: app, databases: [shop] }
            """, "backtrack.yml").Select("prod");
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("shop_db.1.new", "id-a")]));
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => engine.Engine);
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(EnvironmentConfig)] = env, [typeof(IServiceContainers)] = containers });

        var client = await DatabaseStepSupport.PostgresAsync(context, CancellationToken.None);

        Assert.Equal("0123456789abcdef", client.Container);
    }
}
