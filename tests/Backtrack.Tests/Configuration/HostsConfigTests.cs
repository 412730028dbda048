using Backtrack.Configuration;

namespace Backtrack.Tests.Configuration;

public sealed class HostsConfigTests
{
    /// <summary>Two hosts, the second with its own project and health URL (the host step's tests use it too).</summary>
    internal const string TwoHosts = """
        environments:
          prod:
            project: shop
            hosts:
              - name: web1
                engine: ssh://deploy@web1
              - name: web2
                engine: ssh://deploy@web2:2222
                project: shop-b
                services:
                  web:
                    health: http://127.0.0.1:9090/health
            services:
              web:
                health: http://127.0.0.1:8080/health
              worker:
                health: none
        """;

    [Fact]
    public void Given_hosts_when_parsed_then_each_host_has_its_engine_project_and_own_services()
    {
        var env = ConfigLoader.Parse(TwoHosts, "backtrack.yml").Select(null);

        Assert.Equal(["web1", "web2"], env.Hosts.Select(h => h.Name));
        Assert.Equal("ssh://deploy@web2:2222", env.Hosts[1].Engine);
        Assert.Null(env.Hosts[0].Project);
        Assert.Equal("shop-b", env.Hosts[1].Project);
    }

    [Fact]
    public void Given_a_host_with_its_own_health_url_when_the_environment_is_taken_on_that_host_then_its_settings_replace_the_environments()
    {
        var env = ConfigLoader.Parse(TwoHosts, "backtrack.yml").Select(null);

        var onHost = env.OnHost("web2", "ssh://deploy@web2:2222", "shop-b");

        Assert.Equal("ssh://deploy@web2:2222", onHost.Engine);
        Assert.Equal("shop-b", onHost.Project);
        Assert.Empty(onHost.Hosts);
        Assert.Equal("http://127.0.0.1:9090/health", onHost.ServiceOrDefault("web").Health.Describe());
        Assert.IsType<NoHealthCheck>(onHost.ServiceOrDefault("worker").Health);
        Assert.Equal("http://127.0.0.1:8080/health", env.OnHost("web1", "ssh://deploy@web1", "shop").ServiceOrDefault("web").Health.Describe());
    }

    [Theory]
    [InlineData("environments:\n  prod:\n    project: shop\n    hosts: []\n", "backtrack.yml:4: environments.prod.hosts: expected a list of hosts")]
    [InlineData("environments:\n  prod:\n    project: shop\n    hosts:\n      - engine: ssh://a\n", "backtrack.yml:5: environments.prod.hosts[0].name: missing")]
    [InlineData("environments:\n  prod:\n    project: shop\n    hosts:\n      - name: a\n", "backtrack.yml:5: environments.prod.hosts[0].engine: missing")]
    [InlineData("environments:\n  prod:\n    project: shop\n    hosts:\n      - name: a b\n        engine: ssh://a\n", "backtrack.yml:5: environments.prod.hosts[0].name: 'a b' may hold letters")]
    [InlineData("environments:\n  prod:\n    project: shop\n    hosts:\n      - name: a\n        engine: ssh://a\n      - name: a\n        engine: ssh://b\n", "backtrack.yml:5: environments.prod.hosts: host name 'a' appears twice")]
    [InlineData("environments:\n  prod:\n    backend: swarm\n    stack: shop\n    hosts:\n      - name: a\n        engine: ssh://a\n", "backtrack.yml:3: environments.prod.hosts: is for Compose environments")]
    public void Given_bad_hosts_when_parsed_then_the_error_names_file_line_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse(yaml, "backtrack.yml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_hosts_when_a_single_engine_command_asks_then_it_is_refused_in_one_line()
    {
        var env = ConfigLoader.Parse(TwoHosts, "backtrack.yml").Select(null);

        var error = Assert.Throws<BacktrackException>(() => env.RequireSingleHost("snapshot"));

        Assert.StartsWith("'snapshot' does not work on an environment with hosts: yet: environment 'prod' runs on web1, web2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
