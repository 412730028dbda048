using Backtrack.Configuration;

namespace Backtrack.Tests.Configuration;

public sealed class SwarmConfigTests
{
    [Fact]
    public void Given_backend_swarm_with_a_stack_when_parsed_then_the_environment_is_the_stack()
    {
        var config = ConfigLoader.Parse("""
            environments:
              prod:
                backend: swarm
                stack: shop
                services:
                  web:
                    health: http://127.0.0.1:8080/health
              dev:
                project: shop-dev
            """, "backtrack.yml");

        var prod = config.Select("prod");
        Assert.Equal(Backend.Swarm, prod.Backend);
        Assert.Equal("shop", prod.Project);
        Assert.Equal(Backend.Compose, config.Select("dev").Backend);
    }

    [Theory]
    [InlineData("environments:\n  prod:\n    backend: swarm\n", "backtrack.yml:3: environments.prod.stack: missing")]
    [InlineData("environments:\n  prod:\n    backend: swarm\n    project: shop\n", "backtrack.yml:4: environments.prod.project: a swarm environment names its stack with 'stack'")]
    [InlineData("environments:\n  prod:\n    stack: shop\n", "backtrack.yml:3: environments.prod.stack: 'stack' is for 'backend: swarm'")]
    [InlineData("environments:\n  prod:\n    backend: kubernetes\n    project: shop\n", "backtrack.yml:3: environments.prod.backend: expected 'compose' or 'swarm' (got 'kubernetes')")]
    public void Given_a_bad_backend_when_parsed_then_the_error_names_file_line_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse(yaml, "backtrack.yml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_swarm_environment_when_a_compose_only_command_asks_then_it_is_refused_in_one_line()
    {
        var env = ConfigLoader.Parse("environments:\n  prod:\n    backend: swarm\n    stack: shop\n", "backtrack.yml").Select(null);

        var error = Assert.Throws<BacktrackException>(() => env.RequireCompose());

        Assert.StartsWith("not supported on a swarm environment yet: environment 'prod' runs stack 'shop'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Given_a_swarm_environment_when_a_command_says_what_to_use_instead_then_its_refusal_says_it_in_one_line()
    {
        var env = ConfigLoader.Parse("environments:\n  prod:\n    backend: swarm\n    stack: shop\n", "backtrack.yml").Select(null);

        var error = Assert.Throws<BacktrackException>(() => env.RequireCompose("use 'backtrack rollback all' there"));

        Assert.Equal("not supported on a swarm environment yet: environment 'prod' runs stack 'shop' (use 'backtrack rollback all' there; nothing was changed)", error.Message);
    }
}
