using Backtrack.Configuration;
using Backtrack.Health;
using Backtrack.Hosts;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;

namespace Backtrack.Tests.Hosts;

public sealed class OnHostStepTests
{
    private static readonly HostTarget Target = new("web2", "ssh://deploy@web2:2222", "shop-b");

    [Fact]
    public void Given_a_step_on_a_host_when_journaled_then_it_reads_back_naming_its_host_engine_and_project()
    {
        var inner = new StopContainerStep(1, "web", "0123456789abcdef", "shop-b-web-1", TimeSpan.FromSeconds(5), new HttpHealthCheck(new Uri("http://127.0.0.1:9090/health")));
        var step = new OnHostStep(1, "web2/web", Target, inner);
        var vault = new Dictionary<string, string>();

        var back = (OnHostStep)StepCatalog.Deserialize("host.step", StepCatalog.Serialize(step, vault), vault);

        Assert.Equal(Target, back.Host);
        Assert.Equal(inner, back.Inner);
        Assert.Equal("web2/web", back.Lane);
        Assert.Equal(inner.DescribeCompensation(), back.DescribeCompensation());
    }

    [Fact]
    public void Given_a_best_effort_point_of_no_return_when_wrapped_then_the_wrapper_is_both()
    {
        var step = new OnHostStep(2, "web2/web", Target, new PruneAsideStep(2, "web", "shop-b", "shop-b-web-1", 0));

        Assert.True(step.BestEffort);
        Assert.True(step.PointOfNoReturn);
    }

    [Fact]
    public void Given_a_context_with_hosts_when_a_step_reaches_a_host_then_it_gets_that_hosts_environment_and_outputs_reach_the_operation()
    {
        var env = ConfigLoader.Parse(Configuration.HostsConfigTests.TwoHosts, "backtrack.yml").Select(null);
        using var http = new HttpClient();
        using var hosts = new HostSet(env, http, TimeProvider.System);
        var context = new StepContext("op", TimeProvider.System, new Dictionary<Type, object> { [typeof(EnvironmentConfig)] = env, [typeof(HostSet)] = hosts });

        var onHost = context.OnHost(Target);
        onHost.Publish("published on the host");

        Assert.Equal("shop-b", onHost.Environment.Project);
        Assert.Equal("ssh://deploy@web2:2222", onHost.Environment.Engine);
        Assert.Same(hosts.All[1].Engine, onHost.Engine);
        Assert.Equal(["published on the host"], context.Outputs<string>());
    }
}
