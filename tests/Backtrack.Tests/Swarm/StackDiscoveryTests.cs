using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Init;

namespace Backtrack.Tests.Swarm;

public sealed class StackDiscoveryTests
{
    [Fact]
    public void Given_a_service_with_a_published_port_when_proposed_then_its_health_url_else_the_container_check()
    {
        Assert.Equal("http://127.0.0.1:8080/health", StackDiscovery.ProposeCheck(Service([new ServicePort(80, 8080, "tcp", "host")])));
        Assert.Equal("docker", StackDiscovery.ProposeCheck(Service([new ServicePort(53, 53, "udp", "ingress")])));
        Assert.Equal("docker", StackDiscovery.ProposeCheck(Service([])));
    }

    [Fact]
    public void Given_a_stack_and_a_project_of_the_same_name_when_written_then_two_environments_that_parse()
    {
        var yaml = ProjectDiscovery.ToYaml(
            [
                new DiscoveredProject("shop", [new DiscoveredService("web", "docker")]),
                new DiscoveredProject("shop", [new DiscoveredService("web", "http://127.0.0.1:8080/health")], Backend.Swarm),
            ],
            null);

        var config = ConfigLoader.Parse(yaml, "backtrack.yml");
        Assert.Equal(Backend.Compose, config.Select("shop").Backend);
        var swarm = config.Select("shop-swarm");
        Assert.Equal(Backend.Swarm, swarm.Backend);
        Assert.Equal("shop", swarm.Project);
        Assert.IsType<HttpHealthCheck>(swarm.Services["web"].Health);
    }

    private static ServiceDetails Service(IReadOnlyList<ServicePort> ports) =>
        new("id", "shop_web", 1, "web:v1", ServiceMode.Replicated, 1, null, null, ports, new Dictionary<string, string>());
}
