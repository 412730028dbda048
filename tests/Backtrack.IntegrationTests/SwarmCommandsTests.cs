using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>logs, versions, cleanup, report and serve on a real swarm stack (btsc-*), and the one-line refusals of what has no meaning there.</summary>
[Collection("swarm-commands")]
public sealed class SwarmCommandsTests(LoggingSwarmStack stack) : IClassFixture<LoggingSwarmStack>
{
    private const string Token = "swarm-commands-token-5e0b7c41";

    [Fact]
    public async Task Logs_versions_and_cleanup_read_the_stack_and_a_command_without_meaning_there_says_what_to_use()
    {
        // logs: every task's lines, stdout to stdout and stderr to stderr.
        var logs = await stack.BacktrackAsync("logs", "api");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.True(Lines(logs.Stdout).Where(l => l.StartsWith("hello from ", StringComparison.Ordinal)).Distinct().Count() >= 2, logs.Stdout);
        Assert.Contains("warning from ", logs.Stderr);
        var unknown = await stack.BacktrackAsync("logs", "nope");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown service 'nope'", Assert.Single(Lines(unknown.Stderr)));

        // versions: the recorded release runs what the service's spec names; the other local images are candidates.
        Assert.Equal(0, (await stack.BacktrackAsync("record", "--note", "v1")).ExitCode);
        var versions = await stack.BacktrackAsync("versions", "api", "-o", "json");
        Assert.True(versions.ExitCode == 0, versions.ToString());
        var candidates = SwarmStack.ParseJson(versions).EnumerateArray().ToList();
        Assert.Contains(candidates, c => c.GetProperty("source").GetString()!.StartsWith("release ", StringComparison.Ordinal) && c.GetProperty("running").GetBoolean());
        Assert.Contains(candidates, c => c.GetProperty("source").GetString() == "local image"
            && c.GetProperty("reference").GetString()!.Contains("backtrack-demo/api:v2", StringComparison.Ordinal) && !c.GetProperty("running").GetBoolean());

        // cleanup --dry-run: a plan, and never the images the stack's specs name.
        var cleanup = await stack.BacktrackAsync("cleanup", "--dry-run");
        Assert.True(cleanup.ExitCode == 0, cleanup.ToString());
        Assert.DoesNotContain("remove image backtrack-demo/api:v1", cleanup.Stdout);
        Assert.DoesNotContain("remove image backtrack-demo/web:v1", cleanup.Stdout);

        foreach (var (args, instead) in new (string[], string)[]
        {
            (["fix", "config", "--yes"], "rollback service SERVICE --to RELEASE"),
            (["rollback", "git", "--yes"], "rollback all --to RELEASE"),
        })
        {
            var refused = await stack.BacktrackAsync(args);
            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.Contains(instead, Assert.Single(Lines(refused.Stderr)));
        }
    }

    [Fact]
    public async Task The_status_page_shows_the_stack_and_rolls_it_back_through_the_operation_service_and_report_tells_it()
    {
        // Given api recorded on v1, then on v3.
        Assert.Equal(0, (await stack.BacktrackAsync("record", "--note", "v1")).ExitCode);
        await stack.UpdateImageAsync("api", "backtrack-demo/api:v3");
        await stack.UntilRunsAsync("api", "v3", 2);
        Assert.Equal(0, (await stack.BacktrackAsync("record", "--note", "v3")).ExitCode);

        // serve: the stack's services with their replicas and tasks.
        var tokenFile = Path.Combine(stack.Directory, "serve.token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        await using var server = stack.StartBacktrack("serve", "--listen", "127.0.0.1:0", "--token-file", tokenFile);
        var listening = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(listening);
        var url = new Uri(listening.Split(' ')[1]);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
        var status = await client.GetFromJsonAsync<JsonElement>("/api/env/swarm/status");
        Assert.Equal("Swarm", status.GetProperty("backend").GetString());
        var api = status.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "api");
        Assert.Equal(2, api.GetProperty("desired").GetInt32());
        Assert.Equal(2, api.GetProperty("tasks").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/env/swarm")).StatusCode);

        // When the page rolls api back to the previous release (v1), confirming the plan it showed.
        var request = new { action = "rollback", services = new[] { "api" }, to = "previous" };
        var planned = await ReadJsonAsync(await PostActionAsync(client, url, "/actions/plan", request));
        var (text, id) = (planned.GetProperty("text").GetString()!, planned.GetProperty("id").GetString()!);
        Assert.Contains("update service", text);
        var started = await ReadJsonAsync(await PostActionAsync(client, url, "/actions/run", new { request.action, request.services, request.to, confirmedPlan = text, confirmedPlanId = id }));
        var operation = started.GetProperty("operation").GetString()!;

        // Then it runs through the operation service: journaled (the page's history, its report), and api runs v1 again.
        await SwarmNode.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/env/swarm/history")).EnumerateArray()
                .Any(o => o.GetProperty("id").GetString() == operation && o.GetProperty("outcome").GetString() == "Succeeded"),
            TimeSpan.FromSeconds(90),
            "the page's rollback succeeded");
        await stack.UntilRunsAsync("api", "v1", 2);
        using var page = await client.GetAsync($"/api/env/swarm/operations/{operation}/report");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("rollback service api", await page.Content.ReadAsStringAsync());

        // report: the incident report of that rollback, from the journal.
        var report = await stack.BacktrackAsync("report");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains($"Operation {operation}", report.Stdout);
        Assert.Contains("update service", report.Stdout);
    }

    [Fact]
    public async Task Fix_memory_updates_the_service_s_limit_and_gates_it_and_a_limit_under_the_engine_s_minimum_changes_nothing()
    {
        var fixedLimit = await stack.BacktrackAsync("fix", "memory", "web", "--limit", "64m", "--yes", "--no-verify");

        Assert.True(fixedLimit.ExitCode == 0, fixedLimit.ToString());
        Assert.Equal("67108864", await MemoryLimitAsync("web"));
        Assert.Contains("deploy.resources.limits.memory: 64m", fixedLimit.Stderr);
        await stack.UntilConvergedAsync();

        // A limit under the engine's minimum: one line, exit 2, the 64 MiB stay.
        var refused = await stack.BacktrackAsync("fix", "memory", "web", "--limit", "1m", "--yes", "--no-verify");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("below the engine's minimum", Assert.Single(Lines(refused.Stderr)));
        Assert.Equal("67108864", await MemoryLimitAsync("web"));
    }

    private async Task<string> MemoryLimitAsync(string service) =>
        (await SwarmNode.DockerAsync("service", "inspect", "--format", "{{.Spec.TaskTemplate.Resources.Limits.MemoryBytes}}", $"{stack.Stack}_{service}")).Stdout.Trim();

    private static async Task<HttpResponseMessage> PostActionAsync(HttpClient client, Uri url, string path, object body)
    {
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/env/swarm{path}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", url.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("X-CSRF-Token", session.GetProperty("csrf").GetString());
        request.Headers.Add("X-Backtrack-Token", Token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
