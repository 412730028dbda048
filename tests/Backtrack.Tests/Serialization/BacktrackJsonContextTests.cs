using System.Text.Json;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Serialization;

namespace Backtrack.Tests.Serialization;

public sealed class BacktrackJsonContextTests
{
    [Fact]
    public void Given_the_library_when_its_steps_are_listed_then_each_is_listed_once_and_has_generated_metadata()
    {
        var scanned = typeof(PlanStep).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlanStep)) && !t.IsAbstract).ToHashSet();

        Assert.Equal(scanned.Count, LibraryStepTypes.All.Count);
        Assert.True(scanned.SetEquals(LibraryStepTypes.All));
        Assert.All(LibraryStepTypes.All, t => Assert.NotNull(BacktrackJsonContext.Default.GetTypeInfo(t)));
    }

    [Fact]
    public void Given_a_recorded_spec_when_written_with_generated_metadata_then_its_json_is_what_reflection_wrote()
    {
        var spec = new ContainerSpec
        {
            Image = "shop/web:v1",
            Env = ["API_TOKEN=x", "SERVICE_NAME=api"],
            HostConfigJson = "{}",
            Networks = [new NetworkAttachment("shop_default", ["web"], null)],
            Healthcheck = new ContainerHealthcheck(["CMD", "true"], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null, 3),
        };
        HealthCheckSpec check = new HttpHealthCheck(new Uri("http://127.0.0.1:8080/health"));

        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(spec, BacktrackJsonContext.Default.ContainerSpec));
        Assert.Equal(JsonSerializer.Serialize(check), JsonSerializer.Serialize(check, BacktrackJsonContext.Default.HealthCheckSpec));
    }
}
