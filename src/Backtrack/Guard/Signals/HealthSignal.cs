using Backtrack.Health;

namespace Backtrack.Guard.Signals;

/// <summary>A service's configured health check; failing after the given number of failed checks in a row (a new container may need a moment).</summary>
public sealed class HealthSignal(HealthChecker checker, HealthTarget target, int failuresToFail, TimeSpan checkTimeout) : IPolledSignal
{
    private int failuresInARow;

    public string Name => "health check";

    public string Subject => target.Service;

    public async Task<SignalReading> ReadAsync(CancellationToken ct)
    {
        var result = await checker.CheckAsync(target, checkTimeout, ct).ConfigureAwait(false);
        failuresInARow = result.Healthy ? 0 : failuresInARow + 1;
        return failuresInARow >= failuresToFail
            ? SignalReading.Failing($"health check failed {failuresInARow} times in a row: {result.Detail}")
            : SignalReading.Ok(result.Detail);
    }
}
