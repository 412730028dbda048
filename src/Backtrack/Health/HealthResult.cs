namespace Backtrack.Health;

public sealed record HealthResult(bool Healthy, string Detail, TimeSpan? Latency)
{
    public static HealthResult Fail(string detail, TimeSpan? latency = null) => new(false, detail, latency);
}
