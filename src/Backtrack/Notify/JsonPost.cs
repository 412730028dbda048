using System.Text;
using System.Text.Json.Nodes;

namespace Backtrack.Notify;

/// <summary>The HTTP channels' one request: a JSON POST whose non-2xx answer is a rejection (the URL never in it: it may hold a token).</summary>
internal static class JsonPost
{
    /// <summary>No proxy and no client-wide timeout: a hook on 127.0.0.1 (or the intranet) is reached directly, and the caller bounds each send.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static async Task SendAsync(HttpClient http, Uri url, JsonObject body, CancellationToken ct)
    {
        // The node writes itself: no serializer metadata (the CLI runs without reflection-based JSON).
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new NotificationRejectedException($"HTTP {(int)response.StatusCode}");
        }
    }
}
