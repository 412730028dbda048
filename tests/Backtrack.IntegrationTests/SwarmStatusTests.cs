using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>status and health of a real swarm stack on the machine's single-node swarm.</summary>
public sealed class SwarmStatusTests : IAsyncLifetime
{
    private readonly SwarmStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Status_lists_every_service_with_its_replicas_and_tasks_then_names_a_broken_update()
    {
        var before = await stack.BacktrackAsync("status", "-o", "json");

        Assert.True(before.ExitCode == 0, before.ToString());
        var services = Services(before);
        Assert.Equal(["api", "web"], services.Keys.Order());
        AssertReplicas(services["api"], 2, "backtrack-demo/api:v1");
        AssertReplicas(services["web"], 1, "backtrack-demo/web:v1");
        Assert.Contains("HTTP 200", services["web"].GetProperty("check").GetProperty("detail").GetString());
        Assert.All(services.Values.SelectMany(s => s.GetProperty("tasks").EnumerateArray()), task =>
        {
            Assert.Equal("Running", task.GetProperty("state").GetString());
            Assert.Equal(stack.NodeId, task.GetProperty("node").GetString());
            Assert.True(task.GetProperty("check").GetProperty("healthy").GetBoolean(), task.ToString());
        });

        var table = await stack.BacktrackAsync("status");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("2/2", table.Stdout);
        Assert.Contains("all services healthy", table.Stdout);

        await stack.UpdateImageAsync("web", "backtrack-demo/web:v2");
        ProcessResult after = before;
        await SwarmNode.UntilAsync(
            async () =>
            {
                after = await stack.BacktrackAsync("status", "-o", "json");
                return after.ExitCode == 1 && Services(after)["web"].GetProperty("image").GetString() == "backtrack-demo/web:v2";
            },
            TimeSpan.FromSeconds(60),
            "status reports the broken web");
        var broken = Services(after);
        Assert.False(broken["web"].GetProperty("healthy").GetBoolean());
        Assert.True(broken["api"].GetProperty("healthy").GetBoolean(), broken["api"].ToString());
        var text = await stack.BacktrackAsync("status");
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("unhealthy: web", text.Stdout);
    }

    [Fact]
    public async Task Health_runs_the_configured_checks_of_the_stack()
    {
        var result = await stack.BacktrackAsync("health", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var checks = SwarmStack.ParseJson(result).GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("service").GetString()!);
        Assert.Equal($"http://127.0.0.1:{stack.WebPort}/health", checks["web"].GetProperty("check").GetString());
        Assert.Equal("docker", checks["api"].GetProperty("check").GetString());
        Assert.All(checks.Values, c => Assert.True(c.GetProperty("healthy").GetBoolean(), c.ToString()));
    }

    [Fact]
    public async Task Init_discovers_the_stack_and_proposes_a_swarm_environment_that_status_reads()
    {
        var init = await stack.BacktrackAsync("init", "--project", stack.Stack, "-c", "init.yml");

        Assert.True(init.ExitCode == 0, init.ToString());
        var yaml = await File.ReadAllTextAsync(Path.Combine(stack.Directory, "init.yml"));
        Assert.Contains($"    backend: swarm\n    stack: {stack.Stack}\n", yaml);
        Assert.Contains($"health: http://127.0.0.1:{stack.WebPort}/health", yaml);
        var status = await stack.BacktrackAsync("status", "-c", "init.yml", "-o", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(["api", "web"], Services(status).Keys.Order());
    }

    private static Dictionary<string, JsonElement> Services(ProcessResult result) =>
        SwarmStack.ParseJson(result).GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);

    private static void AssertReplicas(JsonElement service, int replicas, string image)
    {
        Assert.True(service.GetProperty("healthy").GetBoolean(), service.ToString());
        Assert.Equal(replicas, service.GetProperty("running").GetInt32());
        Assert.Equal(replicas, service.GetProperty("desired").GetInt32());
        Assert.Equal(image, service.GetProperty("image").GetString());
        Assert.Equal(replicas, service.GetProperty("tasks").GetArrayLength());
    }
}
