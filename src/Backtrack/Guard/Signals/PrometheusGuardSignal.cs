using System.Globalization;
using Backtrack.Prometheus;

namespace Backtrack.Guard.Signals;

/// <summary>A Prometheus query as a polled guard signal: the query's verdict at every interval of the window.</summary>
public sealed class PrometheusGuardSignal(PrometheusSignal signal, string subject) : IPolledSignal
{
    public string Name => "prometheus";

    public string Subject => subject;

    public async Task<SignalReading> ReadAsync(CancellationToken ct)
    {
        var reading = await signal.ReadAsync(ct).ConfigureAwait(false);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{signal.Config.Query} (above {signal.Config.Above:G4} fails): {reading}");
        return reading.Verdict switch
        {
            PrometheusVerdict.Failing => SignalReading.Failing(detail),
            PrometheusVerdict.Unavailable => SignalReading.Unavailable(detail),
            _ => SignalReading.Ok(detail),
        };
    }
}
