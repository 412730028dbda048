namespace Backtrack.Guard.Signals;

/// <summary>
/// A signal read at every interval of a watch window: a service's health check, its error lines per minute,
/// or a metric query. Subject names what it watches (a service, or the query's name) in the detection.
/// </summary>
public interface IPolledSignal
{
    string Name { get; }

    string Subject { get; }

    Task<SignalReading> ReadAsync(CancellationToken ct);
}
