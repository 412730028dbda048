using Backtrack.Verify;

namespace Backtrack.Tests.Verify;

public sealed class RedisPersistenceTests
{
    [Fact]
    public void A_healthy_rdb_only_redis_passes() =>
        Assert.Equal((true, "RDB ok"), RedisPersistence.Evaluate("# Persistence\r\nloading:0\r\nrdb_last_bgsave_status:ok\r\naof_enabled:0\r\n"));

    [Fact]
    public void A_failed_background_save_and_aof_write_fail()
    {
        var (healthy, detail) = RedisPersistence.Evaluate(
            "# Persistence\nloading:0\nrdb_last_bgsave_status:err\naof_enabled:1\naof_last_write_status:err\naof_last_bgrewrite_status:ok\n");

        Assert.False(healthy);
        Assert.Equal("last RDB save err, aof_last_write_status err", detail);
    }

    [Fact]
    public void Output_without_a_persistence_section_fails() => Assert.False(RedisPersistence.Evaluate("ERR unknown").Healthy);
}
