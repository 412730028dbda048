using System.Diagnostics;
using Backtrack.Configuration;
using Backtrack.IntegrationTests.Infrastructure;
using Backtrack.Prometheus;

namespace Backtrack.IntegrationTests;

/// <summary>
/// The Prometheus signal against a real Prometheus (Debian's package, started by the test on 127.0.0.1)
/// scraping the test's metrics every second: ok while the error ratio is low, failing once the high ratio
/// was scraped, unavailable (never failing) when Prometheus is stopped or refuses the query.
/// </summary>
public sealed class PrometheusSignalTests
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_signal_follows_the_scraped_error_ratio_and_is_unavailable_when_prometheus_is_down()
    {
        using var metrics = new MetricsEndpoint(errorRatio: 0.01);
        await using var prometheus = await PrometheusServer.StartAsync(metrics.Port);
        using var http = PrometheusSignal.CreateHttpClient();
        var signal = new PrometheusSignal(new PrometheusConfig(prometheus.Url, "max(app_error_ratio)", 0.05), http);

        var low = await PollUntilAsync(signal, r => r.Verdict != PrometheusVerdict.Unavailable);
        Assert.Equal((PrometheusVerdict.Ok, 0.01), (low.Verdict, low.Value));

        metrics.ErrorRatio = 0.2;
        var high = await PollUntilAsync(signal, r => r.Verdict == PrometheusVerdict.Failing);
        Assert.Equal(0.2, high.Value);

        var refused = await new PrometheusSignal(new PrometheusConfig(prometheus.Url, "max(", 0.05), http).ReadAsync(CancellationToken.None);
        Assert.Equal(PrometheusVerdict.Unavailable, refused.Verdict);
        Assert.StartsWith("Prometheus answered HTTP 400: ", refused.Reason, StringComparison.Ordinal);

        await prometheus.StopAsync();
        var down = await signal.ReadAsync(CancellationToken.None);
        Assert.Equal(PrometheusVerdict.Unavailable, down.Verdict);
        Assert.StartsWith("Prometheus cannot be reached", down.Reason, StringComparison.Ordinal);
    }

    /// <summary>Reads every 250 ms until the reading satisfies DONE, bounded in time; the last reading tells why not.</summary>
    private static async Task<PrometheusReading> PollUntilAsync(PrometheusSignal signal, Func<PrometheusReading, bool> done)
    {
        var clock = Stopwatch.StartNew();
        PrometheusReading reading;
        do
        {
            reading = await signal.ReadAsync(CancellationToken.None);
            if (done(reading))
            {
                return reading;
            }

            await Task.Delay(250);
        }
        while (clock.Elapsed < PollTimeout);

        throw new TimeoutException($"after {PollTimeout.TotalSeconds:0} s the signal still reads {reading}");
    }
}
