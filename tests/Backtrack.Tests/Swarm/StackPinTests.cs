using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Tests.Swarm;

public sealed class StackPinTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-stack-pin-").FullName;

    private string StackPath => Path.Combine(directory, "stack.yml");

    [Fact]
    public async Task Given_a_stack_file_with_a_variable_and_a_literal_image_when_pinned_then_the_env_file_and_the_image_line_name_the_running_images_and_undo_restores_them()
    {
        const string stackFile = """
            # the shop
            services:
              api:
                image: shop/api:${API_TAG}   # set in .env
              web:
                image: "shop/web:v2"
                ports: ["8080:8080"]
            """;
        await File.WriteAllTextAsync(StackPath, stackFile);
        await File.WriteAllTextAsync(Path.Combine(directory, ".env"), "API_TAG=v2\nOTHER=x\n");
        var engine = new FakeServiceQueries([Service("api", "shop/api:v1"), Service("web", "shop/web:v1@sha256:abcd")], [], []);

        var plan = await new StackPinPlanner(new StackInspector(engine), TimeProvider.System).PlanAsync(Env(), [], CancellationToken.None);
        foreach (var step in plan.Steps)
        {
            await step.ApplyAsync(null!, CancellationToken.None);
        }

        Assert.Equal(["compose.pin-variable", "swarm.pin-image"], plan.Steps.Select(s => s.Kind));
        Assert.Equal("API_TAG=v1\nOTHER=x\n", await File.ReadAllTextAsync(Path.Combine(directory, ".env")));
        Assert.Equal(stackFile.Replace("\"shop/web:v2\"", "\"shop/web:v1@sha256:abcd\"", StringComparison.Ordinal), await File.ReadAllTextAsync(StackPath));
        Assert.Empty(await StackDrift.FindAsync(Env(), await new StackInspector(engine).ServicesAsync(Env(), CancellationToken.None), CancellationToken.None));

        foreach (var step in plan.Steps.Reverse())
        {
            await step.CompensateAsync(null!, CancellationToken.None);
        }

        Assert.Equal(stackFile, await File.ReadAllTextAsync(StackPath));
        Assert.Equal("API_TAG=v2\nOTHER=x\n", await File.ReadAllTextAsync(Path.Combine(directory, ".env")));
    }

    [Fact]
    public async Task Given_no_stack_file_configured_when_pinned_then_refused_in_one_line_naming_the_key()
    {
        var engine = new FakeServiceQueries([Service("api", "shop/api:v1")], [], []);

        var error = await Assert.ThrowsAsync<BacktrackException>(() =>
            new StackPinPlanner(new StackInspector(engine), TimeProvider.System).PlanAsync(Env() with { StackFile = null }, [], CancellationToken.None));

        Assert.Contains("add 'stackFile: path/to/stack.yml'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Given_stack_file_keys_when_parsed_then_paths_are_relative_to_the_config_and_the_env_file_defaults_to_the_stack_files_dotenv()
    {
        File.WriteAllText(StackPath, "services: {}\n");
        var config = Path.Combine(directory, "backtrack.yml");

        var plain = ConfigLoader.Parse("environments:\n  prod:\n    backend: swarm\n    stack: shop\n    stackFile: stack.yml\n", config).Select(null);
        var named = ConfigLoader.Parse("environments:\n  prod:\n    backend: swarm\n    stack: shop\n    stackFile: stack.yml\n    envFile: prod.env\n", config).Select(null);
        var compose = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse("environments:\n  prod:\n    project: shop\n    stackFile: stack.yml\n", config));
        var missing = Assert.Throws<BacktrackException>(() => ConfigLoader.Parse("environments:\n  prod:\n    backend: swarm\n    stack: shop\n    stackFile: nope.yml\n", config));

        Assert.Equal(new StackFileConfig(StackPath, Path.Combine(directory, ".env")), plain.StackFile);
        Assert.Equal(Path.Combine(directory, "prod.env"), named.StackFile!.EnvFile);
        Assert.Contains("'stackFile' is for 'backend: swarm'", compose.Message);
        Assert.Contains("nope.yml does not exist", missing.Message);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private EnvironmentConfig Env() =>
        new("prod", null, "shop", "state", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 0, new Dictionary<string, ServiceConfig>())
        {
            Backend = Backend.Swarm,
            StackFile = new StackFileConfig(StackPath, Path.Combine(directory, ".env")),
        };

    private static ServiceDetails Service(string name, string image) =>
        new($"id-{name}", $"shop_{name}", 1, image, ServiceMode.Replicated, 1, null, null, [], new Dictionary<string, string>())
        {
            Spec = new SwarmServiceSpec { Json = "{}", Image = image, TaskDigest = image },
        };
}
