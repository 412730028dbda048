namespace Backtrack.Prometheus;

public enum PrometheusVerdict
{
    /// <summary>The query's value is at or below the threshold.</summary>
    Ok,

    /// <summary>The query's value is above the threshold.</summary>
    Failing,

    /// <summary>No verdict: Prometheus is down, refused the query or had no sample. Never counts as failing.</summary>
    Unavailable,
}
