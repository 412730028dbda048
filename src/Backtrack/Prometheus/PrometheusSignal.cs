using Backtrack.Configuration;
using Backtrack.Secrets;

namespace Backtrack.Prometheus;

/// <summary>
/// A deploy's Prometheus signal: its instant query, evaluated once per poll; failing while the highest value
/// of its series is above the threshold. Prometheus down, slow, refusing the query or without a sample is
/// unavailable (with the reason), never failing: a rollback needs evidence.
/// </summary>
public sealed class PrometheusSignal(PrometheusConfig config, HttpClient http)
{
    /// <summary>One poll waits this long at most.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public PrometheusConfig Config => config;

    /// <summary>No proxy: Prometheus is on the host or the intranet; each poll bounds its own time.</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public async Task<PrometheusReading> ReadAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(QueryUrl(config), deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            var (values, error) = PrometheusResponse.Parse(body);
            return error is not null
                ? PrometheusReading.Unavailable(SecretRegistry.Redact($"Prometheus answered HTTP {(int)response.StatusCode}: {error}"))
                : values.Count == 0
                    ? PrometheusReading.Unavailable("the query has no sample")
                    : PrometheusReading.Of(values.Max(), config.Above);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return PrometheusReading.Unavailable($"Prometheus did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return PrometheusReading.Unavailable(SecretRegistry.Redact($"Prometheus cannot be reached: {e.InnerException?.Message ?? e.Message}"));
        }
    }

    /// <summary>URL/api/v1/query?query=..., under the URL's own path (a Prometheus behind a prefix).</summary>
    public static Uri QueryUrl(PrometheusConfig config)
    {
        var builder = new UriBuilder(config.Url);
        builder.Path = builder.Path.TrimEnd('/') + "/api/v1/query";
        builder.Query = "query=" + Uri.EscapeDataString(config.Query);
        return builder.Uri;
    }
}
