using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>The post-rollback checklist against the real engine: after a rollback, and on a log with an error line.</summary>
public sealed class VerifyTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAndRecordAsync("v1");

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_rollback_ends_with_a_verify_table_in_which_every_line_passes_and_journals_it()
    {
        var rollback = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("verification passed", rollback.Stdout);
        Assert.DoesNotContain("FAIL", rollback.Stdout);
        var history = await stack.BacktrackAsync("history", "-o", "json", "--limit", "1");
        var steps = TestStack.ParseJson(history)[0].GetProperty("steps").EnumerateArray().ToList();
        var verify = Assert.Single(steps, s => s.GetProperty("kind").GetString() == "verify");
        Assert.Equal("ok", verify.GetProperty("outcome").GetString());

        var result = await stack.BacktrackAsync("verify", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = TestStack.ParseJson(result);
        Assert.True(json.GetProperty("passed").GetBoolean());
        var checks = json.GetProperty("checks").EnumerateArray()
            .Select(c => (Check: c.GetProperty("check").GetString(), Subject: c.GetProperty("subject").GetString(), Passed: c.GetProperty("passed").GetBoolean()))
            .ToList();
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Check} {c.Subject}"));
        foreach (var service in new[] { "web", "api", "worker" })
        {
            foreach (var check in new[] { "running", "health", "logs", "restarts" })
            {
                Assert.Contains((check, service, true), checks);
            }
        }

        Assert.Contains(checks, c => c.Check == "disk");

        var report = await stack.BacktrackAsync("report", "-o", "incident.md");
        Assert.True(report.ExitCode == 0, report.ToString());
        var text = await File.ReadAllTextAsync(Path.Combine(stack.Directory, "incident.md"));
        Assert.Equal(8, steps.Count(s => s.GetProperty("lane").GetString() == "web"));
        foreach (var step in steps)
        {
            Assert.Contains(Backtrack.Reports.MarkdownReportWriter.Cell(step.GetProperty("description").GetString()!), text);
        }

        Assert.Contains("| web | backtrack-demo/web:v1 (", text);
        Assert.Contains("| logs | web | pass |", text);
        Assert.Contains("stop of the old container to the new one's passing health gate", text);
        Assert.DoesNotContain("first-secret-value", text);
        var html = await stack.BacktrackAsync("report", "--format", "html");
        Assert.Contains("<h2>Timeline (UTC)</h2>", html.Stdout);
    }

    [Fact]
    public async Task An_error_line_in_a_log_fails_verify_without_printing_the_line()
    {
        var api = await stack.InspectAsync("api");
        var exec = await ProcessRunner.RunAsync("docker", ["exec", api.ID, "/bin/busybox", "sh", "-c", "echo 'ERROR lost connection token=hush-hush-value' >/proc/1/fd/1"], stack.Directory);
        Assert.True(exec.ExitCode == 0, exec.ToString());

        var result = await stack.BacktrackAsync("verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 error lines in the last 5 min: ERROR ×1", result.Stdout);
        Assert.DoesNotContain("hush-hush-value", result.Stdout + result.Stderr);
    }
}
