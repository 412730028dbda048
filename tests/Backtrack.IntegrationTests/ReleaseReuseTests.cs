using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The record before a rollback on the real engine: when the newest release already records what runs, the
/// rollback references it instead of recording it again, and the incident report still names what ran before.
/// </summary>
public sealed class ReleaseReuseTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAndRecordAsync("v1");

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task Given_the_bad_deploy_was_recorded_when_rolled_back_then_that_release_is_referenced_and_the_report_names_it_as_what_ran_before()
    {
        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = "v3" }, "web");
        await stack.RecordAsync("bad");

        var result = await stack.BacktrackAsync("rollback", "service", "web", "--yes", "--no-verify");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("the current state is release 2 already: reference it, record nothing new", result.Stdout);
        Assert.EndsWith("web:v1", (await stack.InspectAsync("web")).Config.Image);
        var releases = await stack.BacktrackAsync("releases", "-o", "json");
        Assert.True(releases.ExitCode == 0, releases.ToString());
        // v1, the bad deploy, the state after the rollback: no copy of the bad deploy.
        Assert.Equal(["rollback", "bad", "v1"], Notes(releases.Stdout));
        var report = await stack.BacktrackAsync("report");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("| web | backtrack-demo/web:v3 (", report.Stdout);
    }

    /// <summary>Each release's note, or its origin when it has none, newest first.</summary>
    private static List<string> Notes(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(r => r.GetProperty("note").GetString() is { } note && note is "v1" or "bad" ? note : r.GetProperty("origin").GetString()!)
            .ToList();
    }
}
