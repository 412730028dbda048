using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Guard.Signals;
using Backtrack.Health;
using Backtrack.Prometheus;
using Backtrack.Status;
using Backtrack.Verify;

namespace Backtrack.Guard;

/// <summary>
/// The polled signals of every service of the environment as it runs now, per its configuration: health checks,
/// error lines, the environment's and each service's Prometheus query.
/// </summary>
public sealed class GuardSignals(IContainerQueries engine, ProjectInspector inspector, HealthChecker checker, TimeProvider clock)
    : ISignalSource
{
    /// <summary>A check may take this long before it counts as failed; a poll interval longer than this gives it the interval.</summary>
    private static readonly TimeSpan MinimumCheckTimeout = TimeSpan.FromSeconds(2);

    private static readonly HttpClient PrometheusHttp = PrometheusSignal.CreateHttpClient();

    /// <summary>How long one check may take in a window of this environment.</summary>
    public static TimeSpan CheckTimeout(GuardConfig guard) => guard.Interval > MinimumCheckTimeout ? guard.Interval : MinimumCheckTimeout;

    /// <summary>The environment's Prometheus query, if configured.</summary>
    public static IEnumerable<IPolledSignal> EnvironmentQuery(EnvironmentConfig env) =>
        env.Guard.Prometheus is { } query ? [new PrometheusGuardSignal(new PrometheusSignal(query, PrometheusHttp), $"environment {env.Name}")] : [];

    /// <summary>A service's own Prometheus query, if configured.</summary>
    public static IEnumerable<IPolledSignal> ServiceQuery(ServiceConfig config, string service) =>
        config.Guard?.Prometheus is { } query ? [new PrometheusGuardSignal(new PrometheusSignal(query, PrometheusHttp), service)] : [];

    public async Task<IReadOnlyList<IPolledSignal>> BuildAsync(EnvironmentConfig env, DateTimeOffset windowStart, CancellationToken ct)
    {
        var guard = env.Guard;
        var matcher = new ErrorPatternMatcher(env.Verify.ErrorPatterns);
        var timeout = CheckTimeout(guard);
        var signals = EnvironmentQuery(env).ToList();

        foreach (var (service, container) in await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
        {
            if (container is null)
            {
                continue;
            }

            var config = env.ServiceOrDefault(service);
            var wanted = guard.For(config);
            if (wanted.Health && config.Health is not NoHealthCheck)
            {
                signals.Add(new HealthSignal(checker, new HealthTarget(service, container.Id, config.Health), guard.HealthFailures, timeout));
            }

            signals.AddRange(ServiceQuery(config, service));

            if (wanted.ErrorLinesPerMinute is { } perMinute)
            {
                signals.Add(new ErrorRateSignal(engine, service, container.Id, matcher, perMinute, windowStart, clock));
            }
        }

        return signals;
    }

    /// <summary>Whether a service's container events count (services.NAME.guard.events, else the environment's).</summary>
    public static bool WatchesEvents(EnvironmentConfig env, string service) => env.Guard.For(env.ServiceOrDefault(service)).Events;
}
