using System.Net;

namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// Requests a URL on 127.0.0.1 back to back until stopped, bounded in count and time, and keeps what came
/// back: how many requests, which of them failed (no answer, or not 200) and the bodies seen.
/// </summary>
public sealed class RequestLoop : IAsyncDisposable
{
    private const int MaxRequests = 20_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(1);

    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly CancellationTokenSource stop = new(MaxDuration);
    private readonly List<string> failures = [];
    private readonly HashSet<string> bodies = [];
    private readonly Task loop;

    public RequestLoop(Uri url)
    {
        loop = Task.Run(() => RunAsync(url));
    }

    public int Requests { get; private set; }

    public IReadOnlyList<string> Failures => failures;

    public IReadOnlySet<string> Bodies => bodies;

    /// <summary>Stops the loop after its current request.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        http.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync(Uri url)
    {
        while (!stop.IsCancellationRequested && Requests < MaxRequests)
        {
            Requests++;
            try
            {
                // Not cancelled by stop: a request under way is answered, or fails, on its own.
                using var response = await http.GetAsync(url, CancellationToken.None);
                var body = (await response.Content.ReadAsStringAsync(CancellationToken.None)).Trim();
                bodies.Add(body);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"request {Requests}: HTTP {(int)response.StatusCode} {body}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"request {Requests}: {e.Message}");
            }
        }
    }
}
