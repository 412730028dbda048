using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Health;
using Backtrack.Status;

namespace Backtrack.Swarm;

/// <summary>
/// Polls a service until it converged on its current spec and its checks pass (the configured HTTP check
/// once, each task's container check), or the deadline comes; fails at once when swarm paused or rolled back
/// the update. Transient engine errors are retried within the deadline.
/// </summary>
public sealed class SwarmServiceGate(IServiceQueries engine, StackStatusService status)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthResult> WaitAsync(EnvironmentConfig env, string service, string name, TimeSpan deadline, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        var last = "not checked";
        for (var poll = 0; poll <= (int)(deadline / PollInterval); poll++)
        {
            try
            {
                var details = await engine.InspectServiceAsync(name, ct).ConfigureAwait(false)
                    ?? throw new BacktrackException($"service {name} is gone");
                var tasks = await engine.ListTasksAsync(details.Id, ct).ConfigureAwait(false);
                var verdict = ServiceConvergence.Judge(details, tasks);
                if (verdict.Failed)
                {
                    return HealthResult.Fail(verdict.Detail);
                }

                last = verdict.Detail;
                if (verdict.Converged)
                {
                    var row = await status.ServiceStatusAsync(env, new StackService(service, details, tasks), CheckTimeout, ct).ConfigureAwait(false);
                    if (row.Check.Healthy)
                    {
                        return new HealthResult(true, $"{verdict.Detail}; {row.Check.Detail}", row.Check.Latency);
                    }

                    last = $"{verdict.Detail}; check: {row.Check.Detail}";
                }
            }
            catch (Exception e) when (EngineErrors.IsTransient(e))
            {
                last = e.Message;
            }

            if (DateTimeOffset.UtcNow + PollInterval >= until)
            {
                break;
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }

        return HealthResult.Fail($"not converged and healthy within {deadline.TotalSeconds:0.#} s: {last}");
    }
}
