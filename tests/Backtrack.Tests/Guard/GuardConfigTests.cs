using Backtrack.Configuration;

namespace Backtrack.Tests.Guard;

public sealed class GuardConfigTests
{
    [Fact]
    public void Given_guard_sections_when_parsed_then_a_service_overrides_the_environment_and_the_rest_inherits()
    {
        var env = ConfigLoader.Parse("""
            environments:
              prod:
                project: shop
                guard:
                  window: 30s
                  interval: 200ms
                  healthFailures: 2
                  errorLinesPerMinute: 20
                services:
                  web:
                    guard: { errorLinesPerMinute: 5, events: false }
                  worker:
                    health: none
            """, "/srv/backtrack.yml").Select(null);

        Assert.Equal(new GuardConfig(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200), 2, 20, true), env.Guard);
        Assert.Equal(new ServiceSignals(true, false, 5), env.Guard.For(env.Services["web"]));
        Assert.Equal(new ServiceSignals(true, true, 20), env.Guard.For(env.Services["worker"]));
    }

    [Fact]
    public void Given_no_guard_section_when_parsed_then_the_defaults_apply()
    {
        var env = ConfigLoader.Parse("environments:\n  prod:\n    project: shop\n", "/srv/backtrack.yml").Select(null);

        Assert.Equal(GuardConfig.Default, env.Guard);
        Assert.Null(env.Guard.ErrorLinesPerMinute);
    }

    [Theory]
    [InlineData("healthFailures: 0", "guard.healthFailures")]
    [InlineData("events: maybe", "guard.events")]
    [InlineData("windw: 2m", "guard.windw")]
    public void Given_a_bad_guard_setting_when_parsed_then_the_error_names_its_key(string line, string key)
    {
        var error = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse($"environments:\n  prod:\n    project: shop\n    guard:\n      {line}\n", "/srv/backtrack.yml"));

        Assert.Contains(key, error.Message);
    }
}
