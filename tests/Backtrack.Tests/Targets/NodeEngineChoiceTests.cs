using Backtrack.Configuration;
using Backtrack.Targets;

namespace Backtrack.Tests.Targets;

public sealed class NodeEngineChoiceTests
{
    [Fact]
    public void Given_a_task_on_the_engines_own_node_when_chosen_then_the_environments_engine_reaches_it()
    {
        Assert.Null(NodeEngineChoice.Choose(SwarmEnvironment.Prod, "db", "id-a", "id-a", "node-a"));
    }

    [Fact]
    public void Given_a_task_on_a_configured_node_when_chosen_then_that_nodes_engine_reaches_it()
    {
        Assert.Equal("tcp://node-b:2376", NodeEngineChoice.Choose(SwarmEnvironment.Prod, "db", "id-b", "id-a", "node-b"));
    }

    [Fact]
    public void Given_a_task_on_a_node_nobody_configured_when_chosen_then_it_is_refused_in_one_line_saying_what_to_add()
    {
        var error = Assert.Throws<BacktrackException>(() => NodeEngineChoice.Choose(SwarmEnvironment.Prod, "db", "id-c", "id-a", "node-c"));

        Assert.Equal(
            "service db runs on node node-c, not on the engine's own node; add its engine under nodes: { node-c: ssh://USER@node-c } in environment 'prod'",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Given_nodes_with_an_empty_address_when_parsed_then_the_error_names_the_key()
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse(
            "environments:\n  prod:\n    backend: swarm\n    stack: shop\n    nodes:\n      node-b: ''\n", "backtrack.yml"));

        Assert.StartsWith("backtrack.yml:6: environments.prod.nodes.node-b:", error.Message, StringComparison.Ordinal);
    }
}
