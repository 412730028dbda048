using Backtrack.Engine;

namespace Backtrack.Health;

/// <summary>Polls a check until it passes or the deadline comes; fails at once if the container stops.</summary>
public sealed class HealthGate(HealthChecker checker, IContainerEngine engine)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthResult> WaitAsync(HealthTarget target, TimeSpan deadline, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        var last = HealthResult.Fail("not checked");
        while (true)
        {
            var remaining = until - DateTimeOffset.UtcNow;
            last = await checker.CheckAsync(target, remaining < AttemptTimeout ? Max(remaining, PollInterval) : AttemptTimeout, ct).ConfigureAwait(false);
            if (last.Healthy)
            {
                return last;
            }

            var container = await engine.InspectContainerAsync(target.Container, ct).ConfigureAwait(false);
            if (container is null || (!container.State.Running && container.State.Status != "created"))
            {
                var state = container is null ? "is gone" : $"exited with code {container.State.ExitCode}";
                return HealthResult.Fail($"container {state}; last check: {last.Detail}");
            }

            if (DateTimeOffset.UtcNow + PollInterval >= until)
            {
                return HealthResult.Fail($"not healthy within {deadline.TotalSeconds:0.#} s; last check: {last.Detail}", last.Latency);
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
