using System.Globalization;

namespace Backtrack.Prometheus;

/// <summary>One poll of a Prometheus signal: its verdict, the value it was made on (the highest of the series), or why there is none.</summary>
public sealed record PrometheusReading(PrometheusVerdict Verdict, double? Value, string? Reason)
{
    public static PrometheusReading Unavailable(string reason) => new(PrometheusVerdict.Unavailable, null, reason);

    public static PrometheusReading Of(double value, double above) =>
        new(value > above ? PrometheusVerdict.Failing : PrometheusVerdict.Ok, value, null);

    public override string ToString() => Verdict switch
    {
        PrometheusVerdict.Unavailable => $"unavailable: {Reason}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Verdict.ToString().ToLowerInvariant()} ({Value:G4})"),
    };
}
