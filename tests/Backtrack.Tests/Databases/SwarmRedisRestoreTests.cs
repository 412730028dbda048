using Backtrack.Databases;
using Backtrack.Engine;
using Backtrack.Swarm;
using Backtrack.Targets;
using Backtrack.Tests.Engine;
using Backtrack.Tests.Targets;

namespace Backtrack.Tests.Databases;

public sealed class SwarmRedisRestoreTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Given_redis_keeping_its_data_in_a_volume_when_planned_then_it_is_scaled_to_0_its_volume_filled_scaled_back_gated_and_its_keys_checked()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("cache"), []));

        var steps = await RestoreAsync(engine, Redis(new MountPoint("volume", "shop_redisdata", "/data", true)));

        Assert.Equal(
            [
                "scale service shop_cache from 1 to 0 replicas",
                "put the Redis files of snapshot snap-1 into volume shop_redisdata",
                "scale service shop_cache from 0 to 1 replicas",
                "wait until every task of shop_cache runs the new spec and is healthy (at most 5 s)",
                "wait until Redis in shop_cache has loaded (at most 600 s) and check its key count",
            ],
            steps.Select(s => s.Describe()));
        Assert.All(steps, s => Assert.Equal("cache", s.Lane));
        Assert.Equal("put the Redis files of safety snapshot op-1 back into volume shop_redisdata", steps[1].DescribeCompensation());
    }

    [Fact]
    public async Task Given_redis_keeping_its_data_outside_any_volume_when_planned_then_it_is_refused_in_one_line_saying_what_to_mount()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("cache"), []));

        var error = await Assert.ThrowsAsync<BacktrackException>(() => RestoreAsync(engine, Redis(new MountPoint("bind", "/srv/redis", "/srv", true))));

        Assert.Equal(
            "redis service 'cache' keeps /data in no named volume; swarm replaces its task's container, so Backtrack restores Redis through a volume: mount one at /data (nothing was changed)",
            error.Message);
    }

    [Fact]
    public async Task Given_a_global_redis_service_when_planned_then_it_is_refused_in_one_line()
    {
        var engine = SwarmEngine.Holding((SwarmEngine.Service("cache") with { Mode = ServiceMode.Global, Replicas = null }, []));

        var error = await Assert.ThrowsAsync<BacktrackException>(() => RestoreAsync(engine, Redis(new MountPoint("volume", "shop_redisdata", "/data", true))));

        Assert.StartsWith("redis service 'cache' is a Global service, which cannot be scaled to 0", error.Message, StringComparison.Ordinal);
    }

    private static ContainerDetails Redis(MountPoint mount) => ScriptedEngine.Container(true, "running", "shop_cache.1.x") with { Mounts = [mount] };

    private static Task<IReadOnlyList<Backtrack.Planning.PlanStep>> RestoreAsync(SwarmEngine engine, ContainerDetails redis) =>
        new SwarmRedisRestore(new StackInspector(engine.Engine)).StepsAsync(
            SwarmDatabaseEnvironment.Prod, new LocatedContainer(redis, engine.Engine) { NodeId = "id-a" }, "/data", 3, "snap-1", "op-1", Timeout, Timeout, CancellationToken.None);
}
