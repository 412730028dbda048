using Backtrack.Databases;
using Backtrack.Engine;
using Backtrack.Swarm;
using Backtrack.Tests.Targets;

namespace Backtrack.Tests.Databases;

public sealed class SwarmWritersTests
{
    [Fact]
    public async Task Given_a_global_writer_when_the_writers_are_read_then_it_is_refused_in_one_line_saying_what_to_change()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("app") with { Mode = ServiceMode.Global, Replicas = null }, []));

        var error = await Assert.ThrowsAsync<BacktrackException>(() => new SwarmWriters(new StackInspector(engine.Engine)).RunningAsync(SwarmDatabaseEnvironment.Prod, CancellationToken.None));

        Assert.Equal("writers: service 'app' is a Global service, which cannot be scaled to 0; make it replicated or leave it out of 'writers'", error.Message);
    }

    [Fact]
    public async Task Given_a_replicated_writer_when_stopped_and_started_then_it_is_scaled_to_0_and_back_to_its_replicas_and_gated()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("app") with { Replicas = 2 }, []));

        var writers = await new SwarmWriters(new StackInspector(engine.Engine)).RunningAsync(SwarmDatabaseEnvironment.Prod, CancellationToken.None);
        var steps = SwarmWriters.Stop(writers, 2, TimeSpan.FromSeconds(5)).Concat(SwarmWriters.Start(SwarmDatabaseEnvironment.Prod, writers, 4, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));

        Assert.Equal(
            ["scale service shop_app from 2 to 0 replicas", "scale service shop_app from 0 to 2 replicas", "wait until every task of shop_app runs the new spec and is healthy (at most 5 s)"],
            steps.Select(s => s.Describe()));
    }
}
