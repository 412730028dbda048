using Backtrack.Swarm;
using Backtrack.Targets;

namespace Backtrack.Tests.Targets;

public sealed class SwarmServiceContainersTests
{
    [Fact]
    public async Task Given_a_database_with_one_task_on_this_node_when_located_then_the_environments_engine_reaches_its_container()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("shop_db.1.x", "id-a")]));
        var opened = new List<string>();
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, a => { opened.Add(a); return engine.Engine; });

        var located = await containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None);

        Assert.Equal("shop_db.1.x", located.Container.Name);
        Assert.Same(engine.Engine, located.Engine);
        Assert.Empty(opened);
    }

    [Fact]
    public async Task Given_a_database_task_on_a_configured_node_when_located_then_that_nodes_engine_is_opened_once_and_disposed_with_the_locator()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("shop_db.1.x", "id-b")]));
        var nodeEngine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("shop_db.1.x", "id-b")]));
        var opened = new List<string>();
        var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, a => { opened.Add(a); return nodeEngine.Engine; });

        var first = await containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None);
        await containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None);
        containers.Dispose();

        Assert.Same(nodeEngine.Engine, first.Engine);
        Assert.Equal(["tcp://node-b:2376"], opened);
        Assert.True(nodeEngine.Disposed);
        Assert.False(engine.Disposed);
    }

    [Fact]
    public async Task Given_a_database_with_two_running_tasks_when_located_then_it_is_refused_in_one_line()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("a", "id-a"), SwarmEngine.RunningTask("b", "id-a")]));
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => throw new InvalidOperationException());

        var error = await Assert.ThrowsAsync<BacktrackException>(() => containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None));

        Assert.Equal(
            "postgres service 'db' runs 2 tasks; Backtrack reaches a database through its one task: scale it to 1 replica",
            error.Message);
    }

    [Fact]
    public async Task Given_a_database_task_on_an_unconfigured_node_when_located_then_the_refusal_names_the_node()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), [SwarmEngine.RunningTask("x", "id-c")]));
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => throw new InvalidOperationException());

        var error = await Assert.ThrowsAsync<BacktrackException>(() => containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None));

        Assert.StartsWith("service db runs on node node-c, not on the engine's own node; add its engine under nodes:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_tasks_on_two_nodes_when_listed_then_only_this_nodes_containers_are_the_services()
    {
        var engine = SwarmEngine.Holding(
            (SwarmEngine.Service("api"), [SwarmEngine.RunningTask("shop_api.1.x", "id-a"), SwarmEngine.RunningTask("shop_api.2.y", "id-b")]),
            (SwarmEngine.Service("web"), [SwarmEngine.RunningTask("shop_web.1.z", "id-b")]));
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => throw new InvalidOperationException());

        var services = await containers.ServicesAsync(SwarmEnvironment.Prod, CancellationToken.None);

        Assert.Equal([("api", "shop_api.1.x"), ("web", null)], services.Select(s => (s.Service, s.Container?.Name)));
    }

    [Fact]
    public async Task Given_a_node_by_its_id_when_its_engine_is_asked_for_then_this_node_is_the_environments_engine_a_configured_one_is_opened_and_another_refused()
    {
        var engine = SwarmEngine.Holding();
        var nodeEngine = SwarmEngine.Holding();
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => nodeEngine.Engine);

        Assert.Same(engine.Engine, await containers.NodeEngineAsync(SwarmEnvironment.Prod, "cache", "id-a", CancellationToken.None));
        Assert.Same(nodeEngine.Engine, await containers.NodeEngineAsync(SwarmEnvironment.Prod, "cache", "id-b", CancellationToken.None));
        var error = await Assert.ThrowsAsync<BacktrackException>(() => containers.NodeEngineAsync(SwarmEnvironment.Prod, "cache", "id-c", CancellationToken.None));
        Assert.StartsWith("service cache runs on node node-c, not on the engine's own node; add its engine under nodes:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_database_running_no_task_then_only_a_lookup_made_while_planning_says_nothing_was_changed()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("db"), []));
        using var containers = new SwarmServiceContainers(new StackInspector(engine.Engine), engine.Engine, _ => engine.Engine);

        var midOperation = await Assert.ThrowsAsync<BacktrackException>(() => containers.RunningAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None));
        var planning = await Assert.ThrowsAsync<BacktrackException>(() => containers.RunningBeforeChangesAsync(SwarmEnvironment.Prod, "postgres", "db", CancellationToken.None));

        Assert.Equal("postgres service 'db' runs no task; deploy or scale it first", midOperation.Message);
        Assert.Equal("postgres service 'db' runs no task; deploy or scale it first (nothing was changed)", planning.Message);
    }
}
