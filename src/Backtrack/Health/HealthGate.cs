using Backtrack.Engine;

namespace Backtrack.Health;

/// <summary>
/// Polls a check until it passes or the deadline comes; fails at once if the container stops. A transient
/// engine error (unreachable, connection dropped, 5xx: the engine restarting) is retried within the deadline,
/// and after one a stopped or missing container is waited for too: the restarted engine brings containers
/// back by their restart policy. Only a container still down when the deadline comes fails the gate then.
/// </summary>
public sealed class HealthGate(HealthChecker checker, IContainerEngine engine)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthResult> WaitAsync(HealthTarget target, TimeSpan deadline, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        var last = HealthResult.Fail("not checked");
        string? engineError = null;
        while (true)
        {
            try
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
                    last = HealthResult.Fail($"container {state}; last check: {last.Detail}");
                    if (engineError is null)
                    {
                        return last;
                    }

                    last = HealthResult.Fail($"{last.Detail} (after an engine error: {engineError})");
                }
            }
            catch (Exception e) when (EngineErrors.IsTransient(e))
            {
                engineError = e.Message;
                last = HealthResult.Fail(e.Message);
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
