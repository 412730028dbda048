using Backtrack.Configuration;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Guard.Signals;

/// <summary>
/// A swarm service's health through its configured checks (<see cref="ServiceHealth"/>, as status shows it).
/// While swarm still rolls the new spec out, the checks wait (a task starting is no failure) up to the health
/// timeout from when this signal first saw that spec (a service joining a window late gets its whole timeout); a paused or rolled-back update fails at once,
/// unless it was already so at the signal's first reading on the same spec; once every task runs the
/// spec, the checks fail after the given number of failures in a row.
/// </summary>
public sealed class SwarmServiceSignal(
    StackStatusService status, StackInspector inspector, EnvironmentConfig env, string service, TimeSpan checkTimeout, TimeProvider clock)
    : IPolledSignal
{
    private int failuresInARow;
    private string? rollingOut;
    private DateTimeOffset rolloutStart;
    private bool read;
    private (string? Digest, string State)? leftover;

    public string Name => "health check";

    public string Subject => service;

    public async Task<SignalReading> ReadAsync(CancellationToken ct)
    {
        var stack = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        if (stack.FirstOrDefault(s => s.Service == service) is not { Details: { } details } found)
        {
            return SignalReading.Failing("no longer deployed in the stack");
        }

        // Swarm keeps an update's end state (paused, rolled back) until the next update: one this signal saw at its
        // first reading, on the same spec, is an earlier incident's, not this window's; the checks judge the service.
        var update = details.UpdateStatus is { } updateStatus ? (details.Spec?.TaskDigest, updateStatus.State) : ((string?, string)?)null;
        if (!read)
        {
            read = true;
            leftover = ServiceConvergence.Judge(details, found.Tasks).Failed ? update : null;
        }

        var convergence = ServiceConvergence.Judge(update == leftover ? details with { UpdateStatus = null } : details, found.Tasks);
        if (convergence.Failed)
        {
            return SignalReading.Failing(convergence.Detail);
        }

        if (!convergence.Converged)
        {
            if (details.Spec?.TaskDigest != rollingOut)
            {
                rollingOut = details.Spec?.TaskDigest;
                rolloutStart = clock.GetUtcNow();
            }

            return clock.GetUtcNow() - rolloutStart > env.HealthTimeout
                ? SignalReading.Failing($"not rolled out within the health timeout ({env.HealthTimeout.TotalSeconds:0.#} s): {convergence.Detail}")
                : SignalReading.Ok($"rolling out: {convergence.Detail}");
        }

        var row = await status.ServiceStatusAsync(env, found, checkTimeout, ct).ConfigureAwait(false);
        failuresInARow = row.Check.Healthy ? 0 : failuresInARow + 1;
        return failuresInARow >= env.Guard.HealthFailures
            ? SignalReading.Failing($"health check failed {failuresInARow} times in a row: {row.Check.Detail}")
            : SignalReading.Ok(row.Check.Detail);
    }
}
