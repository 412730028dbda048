using Backtrack.Health;
using Backtrack.Swarm;

namespace Backtrack.Tests.Swarm;

public sealed class ServiceHealthTests
{
    private static readonly HealthResult Ok = new(true, "healthcheck passed", TimeSpan.FromMilliseconds(20));

    [Fact]
    public void Given_a_passing_http_check_and_passing_tasks_when_combined_then_healthy_with_the_slowest_latency()
    {
        var result = ServiceHealth.Combine(new HealthResult(true, "HTTP 200", TimeSpan.FromMilliseconds(5)), [("task 1", Ok), ("task 2", Ok)]);

        Assert.Equal(new HealthResult(true, "HTTP 200", TimeSpan.FromMilliseconds(20)), result);
    }

    [Fact]
    public void Given_one_failing_task_when_combined_then_unhealthy_naming_the_task()
    {
        var result = ServiceHealth.Combine(null, [("task 1", Ok), ("task 2", HealthResult.Fail("healthcheck exit 1"))]);

        Assert.False(result.Healthy);
        Assert.Equal("task 2: healthcheck exit 1", result.Detail);
    }

    [Fact]
    public void Given_a_failing_http_check_when_combined_then_its_result_is_the_service_result()
    {
        var failed = HealthResult.Fail("HTTP 404", TimeSpan.FromMilliseconds(3));

        Assert.Same(failed, ServiceHealth.Combine(failed, [("task 1", Ok)]));
    }

    [Fact]
    public void Given_no_running_task_when_combined_then_unhealthy_even_if_something_answers_http()
    {
        Assert.Equal("no running task", ServiceHealth.Combine(null, []).Detail);
        Assert.False(ServiceHealth.Combine(new HealthResult(true, "HTTP 200", null), []).Healthy);
    }

    [Fact]
    public void Given_only_task_checks_when_all_pass_then_the_detail_counts_them()
    {
        Assert.Equal("2 of 2 tasks healthy", ServiceHealth.Combine(null, [("task 1", Ok), ("task 2", Ok)]).Detail);
    }
}
