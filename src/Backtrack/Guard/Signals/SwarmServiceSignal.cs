using Backtrack.Configuration;
using Backtrack.Status;
using Backtrack.Swarm;

namespace Backtrack.Guard.Signals;

/// <summary>
/// A swarm service's health through its configured checks (<see cref="ServiceHealth"/>, as status shows it).
/// While swarm still rolls the new spec out, the checks wait (a task starting is no failure) up to the health
/// timeout from when this signal first saw that spec (a service joining a window late gets its whole timeout); a paused or rolled-back update fails at once; once every task runs the
/// spec, the checks fail after the given number of failures in a row.
/// </summary>
public sealed class SwarmServiceSignal(
    StackStatusService status, StackInspector inspector, EnvironmentConfig env, string service, TimeSpan checkTimeout, TimeProvider clock)
    : IPolledSignal
{
    private int failuresInARow;
    private string? rollingOut;
    private DateTimeOffset rolloutStart;

    public string Name => "health check";

    public string Subject => service;

    public async Task<SignalReading> ReadAsync(CancellationToken ct)
    {
        var stack = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        if (stack.FirstOrDefault(s => s.Service == service) is not { Details: { } details } found)
        {
            return SignalReading.Failing("no longer deployed in the stack");
        }

        var convergence = ServiceConvergence.Judge(details, found.Tasks);
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
