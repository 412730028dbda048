namespace Backtrack.Configuration;

/// <summary>What watches a deploy (backtrack.yml's <c>guard:</c>, per environment and per service): the optional Prometheus signal.</summary>
public sealed record GuardConfig(PrometheusConfig? Prometheus)
{
    public static readonly GuardConfig None = new((PrometheusConfig?)null);
}
