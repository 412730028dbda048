using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>status, health and logs against a stack that the real Compose client brought up.</summary>
public sealed class StatusTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Status_json_reports_a_broken_deploy_as_unhealthy()
    {
        var before = await stack.BacktrackAsync("status", "-o", "json");
        Assert.True(before.ExitCode == 0, before.ToString());

        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v2" }, "web");
        var after = await stack.BacktrackAsync("status", "-o", "json");

        Assert.Equal(1, after.ExitCode);
        var services = TestStack.ParseJson(after).GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        Assert.False(services["web"].GetProperty("healthy").GetBoolean());
        Assert.Contains("HTTP 404", services["web"].GetProperty("check").GetProperty("detail").GetString());
        Assert.Equal("backtrack-demo/web:v2", services["web"].GetProperty("image").GetString());
        Assert.True(services["api"].GetProperty("healthy").GetBoolean());
        Assert.True(services["worker"].GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Health_runs_every_check_and_reports_latency()
    {
        var result = await stack.BacktrackAsync("health", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var checks = TestStack.ParseJson(result).GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["api", "web", "worker"], checks.Select(c => c.GetProperty("service").GetString()));
        Assert.All(checks, c => Assert.True(c.GetProperty("healthy").GetBoolean()));
        Assert.All(checks, c => Assert.True(c.GetProperty("latencyMs").GetDouble() > 0));
    }

    [Fact]
    public async Task Logs_separate_stdout_from_stderr()
    {
        var result = await stack.BacktrackAsync("logs", "api", "--tail", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("to-stdout", result.Stdout);
        Assert.DoesNotContain("to-stderr", result.Stdout);
        Assert.Contains("to-stderr", result.Stderr);
    }

    [Fact]
    public async Task Unknown_service_is_a_clear_error_listing_the_known_ones()
    {
        var result = await stack.BacktrackAsync("logs", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown service 'nope'", result.Stderr);
        Assert.Contains("known: api, web, worker", result.Stderr);
    }

    [Fact]
    public async Task Unreachable_engine_is_one_line_and_exit_code_2()
    {
        var result = await stack.BacktrackAsync(new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/backtrack-no-such.sock" }, "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot reach the Docker engine at unix:///tmp/backtrack-no-such.sock", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Unknown_environment_is_a_clear_error()
    {
        var result = await stack.BacktrackAsync("status", "--env", "prod");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown environment 'prod'", result.Stderr);
        Assert.Contains("known: test", result.Stderr);
    }

    [Fact]
    public async Task Init_discovers_the_project_by_its_compose_labels()
    {
        var path = Path.Combine(stack.Directory, "discovered.yml");
        var result = await stack.BacktrackAsync("init", "--project", stack.Project, "--config", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains($"project: {stack.Project}", text);
        Assert.Contains("api:\n        health: docker", text);
        var status = await stack.BacktrackAsync("status", "--config", path);
        Assert.True(status.ExitCode == 0, status.ToString());
    }
}
