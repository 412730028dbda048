using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>A Slack-compatible (or PagerDuty-compatible) webhook on 127.0.0.1 that answers 202 and keeps the JSON body (or its "text") of every POST.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener listener = new();

    public WebhookListener()
    {
        Url = $"http://127.0.0.1:{ComposeFixture.FreePort()}/hook";
        listener.Prefixes.Add(Url[..^"hook".Length]);
        listener.Start();
    }

    public string Url { get; }

    /// <summary>A URL on 127.0.0.1 where nothing listens.</summary>
    public static string Unanswered() => $"http://127.0.0.1:{ComposeFixture.FreePort()}/hook";

    /// <summary>The texts of the next COUNT posts, each checked to be a JSON POST.</summary>
    public async Task<IReadOnlyList<string>> ReceiveAsync(int count, TimeSpan timeout) =>
        (await ReceiveJsonAsync(count, timeout)).Select(body => body.GetProperty("text").GetString()!).ToList();

    /// <summary>The bodies of the next COUNT posts, each checked to be a JSON POST.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceiveJsonAsync(int count, TimeSpan timeout)
    {
        var bodies = new List<JsonElement>();
        using var deadline = new CancellationTokenSource(timeout);
        while (bodies.Count < count)
        {
            var context = await listener.GetContextAsync().WaitAsync(deadline.Token);
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                bodies.Add(JsonDocument.Parse(await reader.ReadToEndAsync(deadline.Token)).RootElement.Clone());
            }

            Assert.Equal("POST", context.Request.HttpMethod);
            Assert.StartsWith("application/json", context.Request.ContentType, StringComparison.Ordinal);
            context.Response.StatusCode = 202;
            context.Response.Close();
        }

        return bodies;
    }

    public void Dispose() => listener.Close();
}
