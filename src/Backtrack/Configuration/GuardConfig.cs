namespace Backtrack.Configuration;

/// <summary>
/// How 'deploy' and 'guard' watch a deploy: the window, how often the polled signals (health checks, error
/// lines, the Prometheus query) are read, how many failed checks in a row fail a service, the error lines per
/// minute that do (null: not watched), whether container exits, restarts and OOM kills from the event stream
/// do, and an optional Prometheus query.
/// </summary>
public sealed record GuardConfig(TimeSpan Window, TimeSpan Interval, int HealthFailures, int? ErrorLinesPerMinute, bool Events, PrometheusConfig? Prometheus = null)
{
    public static readonly GuardConfig Default = new(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500), 3, null, true);

    /// <summary>The signals of one service: the environment's, with what the service sets itself.</summary>
    public ServiceSignals For(ServiceConfig service) => new(
        service.Guard?.Health ?? true,
        service.Guard?.Events ?? Events,
        service.Guard?.ErrorLinesPerMinute ?? ErrorLinesPerMinute);
}
