namespace Backtrack.Configuration;

/// <summary>A Prometheus signal: an instant query on the server at URL, failing while its value is above the threshold.</summary>
public sealed record PrometheusConfig(Uri Url, string Query, double Above);
