using Backtrack.Engine;
using Backtrack.Verify;

namespace Backtrack.Guard.Signals;

/// <summary>
/// Error-pattern lines (the verify patterns) in a container's log over the last minute, or since the window
/// opened when that is shorter; failing above the threshold. The count and the patterns are told, never a line.
/// </summary>
public sealed class ErrorRateSignal(
    IContainerQueries engine, string service, string containerId, ErrorPatternMatcher matcher, int perMinute, DateTimeOffset windowStart, TimeProvider clock)
    : IPolledSignal
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public string Name => "error lines";

    public string Subject => service;

    public async Task<SignalReading> ReadAsync(CancellationToken ct)
    {
        var since = Max(windowStart, clock.GetUtcNow() - Minute);
        var count = 0;
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var line in engine.ReadLogsAsync(containerId, new LogQuery(null, since, Follow: false, Timestamps: false), ct).ConfigureAwait(false))
            {
                if (matcher.Match(line.Text) is { } pattern)
                {
                    count++;
                    patterns.Add(pattern);
                }
            }
        }
        catch (Exception e) when (e is EngineOperationException or EngineUnreachableException)
        {
            return SignalReading.Unavailable($"the log could not be read: {e.Message}");
        }

        var detail = $"{count} error lines in the last minute (threshold {perMinute}{(patterns.Count == 0 ? "" : $"; {string.Join(", ", patterns.Order(StringComparer.Ordinal))}")})";
        return count > perMinute ? SignalReading.Failing(detail) : SignalReading.Ok(detail);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
