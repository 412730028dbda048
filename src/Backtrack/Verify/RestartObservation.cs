using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Swarm;

namespace Backtrack.Verify;

/// <summary>
/// The checklist's restart check: waits until every container has run the restart window since it started
/// (or since the operation's watch began), then judges each container by its unrequested deaths and
/// restart count (Compose) or each swarm service by the tasks swarm replaced (<see cref="TaskRestarts"/>).
/// </summary>
internal sealed class RestartObservation(IContainerEngine engine, StackInspector stack, TimeProvider clock)
{
    /// <summary>Waits until every container has run for the window since it started (or since the watch began), then judges.</summary>
    public async Task<IReadOnlyList<VerifyCheck>> ContainersAsync(
        IReadOnlyList<(string Subject, ContainerDetails Container)> containers, TimeSpan window, RestartWatch watch, CancellationToken ct)
    {
        await WaitRestartWindowAsync(containers, window, watch, ct).ConfigureAwait(false);
        var span = Verifier.Duration(window);
        return await Task.WhenAll(containers.Select(async c =>
        {
            var now = await engine.InspectContainerAsync(c.Container.Id, ct).ConfigureAwait(false);
            if (now is null)
            {
                return new VerifyCheck("restarts", c.Subject, false, $"container {c.Container.Name} disappeared within {span}");
            }

            if (watch.Lost is { } lost)
            {
                return new VerifyCheck("restarts", c.Subject, false, $"not observed: the engine's event stream ended ({lost})");
            }

            var restarted = Math.Max(watch.Deaths(c.Container.Id), now.State.RestartCount - c.Container.State.RestartCount);
            return restarted == 0 && now.State.Running == c.Container.State.Running
                ? new VerifyCheck("restarts", c.Subject, true, $"{now.State.RestartCount} restarts, none in the {span} since it started")
                : new VerifyCheck("restarts", c.Subject, false, $"died {restarted} times within {span} of its start, now {now.State.Status}");
        })).ConfigureAwait(false);
    }

    /// <summary>After the same wait, a swarm service's restarts: its tasks that failed since the watch began, as deaths count on Compose.</summary>
    public async Task<IReadOnlyList<VerifyCheck>> TasksAsync(
        EnvironmentConfig env, IReadOnlyList<(string Subject, ContainerDetails Container)> containers, RestartWatch watch, CancellationToken ct)
    {
        await WaitRestartWindowAsync(containers, env.Verify.RestartWindow, watch, ct).ConfigureAwait(false);
        var services = await stack.ServicesAsync(env, ct).ConfigureAwait(false);
        var span = Verifier.Duration(clock.GetUtcNow() - watch.Since);
        return services.Where(s => s.Details is not null).Select(s => TaskRestarts.Judge(s.Service, s.Tasks, s.Details!.Spec?.TaskDigest, watch.Since, span)).ToList();
    }

    private async Task WaitRestartWindowAsync(IReadOnlyList<(string Subject, ContainerDetails Container)> containers, TimeSpan window, RestartWatch watch, CancellationToken ct)
    {
        var deadline = containers
            .Select(c => (c.Container.State.StartedAt is { } started && started > watch.Since ? started : watch.Since) + window)
            .DefaultIfEmpty(watch.Since + window)
            .Max();
        var left = deadline - clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, clock, ct).ConfigureAwait(false);
        }
    }
}
