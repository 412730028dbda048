using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>Webhook notifications of a real rollback, received by a listener on 127.0.0.1.</summary>
public sealed class NotifyTests : IAsyncLifetime
{
    private readonly TestStack stack = new();

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await stack.ConfigureAsync("notify:\n  webhookUrlEnv: BT_TEST_WEBHOOK\n");
    }

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_rollback_posts_its_start_and_its_outcome_to_the_webhook()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveAsync(listener, 2);

        var result = await stack.BacktrackAsync(
            new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = $"http://127.0.0.1:{port}/hook" }, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var bodies = await received.WaitAsync(TimeSpan.FromSeconds(30));
        var operation = TestStack.ParseJson(await stack.BacktrackAsync("history", "-o", "json", "--limit", "1"))[0].GetProperty("id").GetString()!;
        var texts = bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("text").GetString()!).ToList();
        Assert.Contains($"rollback {operation} started on test", texts[0]);
        Assert.Contains($"rollback {operation} on test succeeded", texts[1]);
        Assert.Contains("backtrack-demo/web:v3", texts[1]);
        Assert.Contains("verification passed", texts[1]);
        Assert.All(texts, t => Assert.DoesNotContain("first-secret-value", t));
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_is_logged_and_never_fails_the_rollback()
    {
        var result = await stack.BacktrackAsync(
            new Dictionary<string, string> { ["BT_TEST_WEBHOOK"] = $"http://127.0.0.1:{FreePort()}/hook" }, "rollback", "service", "web", "--to", "v3", "--yes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: notification failed", result.Stderr);
    }

    private static async Task<IReadOnlyList<string>> ReceiveAsync(HttpListener listener, int count)
    {
        var bodies = new List<string>();
        while (bodies.Count < count)
        {
            var context = await listener.GetContextAsync();
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                bodies.Add(await reader.ReadToEndAsync());
            }

            Assert.Equal("POST", context.Request.HttpMethod);
            Assert.StartsWith("application/json", context.Request.ContentType, StringComparison.Ordinal);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }

        return bodies;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
