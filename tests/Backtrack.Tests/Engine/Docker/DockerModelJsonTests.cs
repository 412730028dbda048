using System.Text.Json;
using Backtrack.Engine.Docker;
using Docker.DotNet.Models;

namespace Backtrack.Tests.Engine.Docker;

public sealed class DockerModelJsonTests
{
    [Fact]
    public void Given_host_settings_when_written_with_generated_metadata_then_the_json_is_what_reflection_wrote_and_reads_back()
    {
        var hostConfig = new HostConfig
        {
            Binds = ["data:/var/lib/data"],
            Memory = 64 << 20,
            NetworkMode = "shop_default",
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            PortBindings = new Dictionary<string, IList<PortBinding>> { ["80/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "8080" }] },
        };

        var written = JsonSerializer.Serialize(hostConfig, DockerModelJson.Of<HostConfig>());

        Assert.Equal(JsonSerializer.Serialize(hostConfig), written);
        Assert.Equal(written, JsonSerializer.Serialize(JsonSerializer.Deserialize(written, DockerModelJson.Of<HostConfig>())!, DockerModelJson.Of<HostConfig>()));
    }

    [Fact]
    public void Given_a_service_spec_when_written_with_generated_metadata_then_the_json_is_what_reflection_wrote()
    {
        var spec = new ServiceSpec
        {
            Name = "shop_web",
            TaskTemplate = new TaskSpec { ContainerSpec = new ContainerSpec { Image = "shop/web:v1", Env = ["MODE=live"] }, Resources = new ResourceRequirements { Limits = new SwarmLimit { MemoryBytes = 1 << 26 } } },
        };

        Assert.Equal(JsonSerializer.Serialize(spec), JsonSerializer.Serialize(spec, DockerModelJson.Of<ServiceSpec>()));
    }
}
