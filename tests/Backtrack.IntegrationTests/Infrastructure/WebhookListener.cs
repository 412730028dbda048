using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>A Slack-compatible webhook on 127.0.0.1 that answers 200 and keeps the "text" of every POST.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener listener = new();

    public WebhookListener()
    {
        Url = $"http://127.0.0.1:{FreePort()}/hook";
        listener.Prefixes.Add(Url[..^"hook".Length]);
        listener.Start();
    }

    public string Url { get; }

    /// <summary>A URL on 127.0.0.1 where nothing listens.</summary>
    public static string Unanswered() => $"http://127.0.0.1:{FreePort()}/hook";

    /// <summary>The texts of the next COUNT posts, each checked to be a JSON POST.</summary>
    public async Task<IReadOnlyList<string>> ReceiveAsync(int count, TimeSpan timeout)
    {
        var texts = new List<string>();
        using var deadline = new CancellationTokenSource(timeout);
        while (texts.Count < count)
        {
            var context = await listener.GetContextAsync().WaitAsync(deadline.Token);
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                texts.Add(JsonDocument.Parse(await reader.ReadToEndAsync(deadline.Token)).RootElement.GetProperty("text").GetString()!);
            }

            Assert.Equal("POST", context.Request.HttpMethod);
            Assert.StartsWith("application/json", context.Request.ContentType, StringComparison.Ordinal);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }

        return texts;
    }

    public void Dispose() => listener.Close();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
