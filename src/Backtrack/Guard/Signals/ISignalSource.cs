using Backtrack.Configuration;

namespace Backtrack.Guard.Signals;

/// <summary>Builds the polled signals of a window from what the environment runs now (again when containers join it).</summary>
public interface ISignalSource
{
    Task<IReadOnlyList<IPolledSignal>> BuildAsync(EnvironmentConfig env, DateTimeOffset windowStart, CancellationToken ct);
}
