using System.Globalization;
using System.Threading.Channels;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Releases;
using Backtrack.Rollback;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Guard;

/// <summary>
/// Deploys of a swarm stack: a service whose task spec changed (a 'docker stack deploy' or 'docker service
/// update'). The manager is polled every guard interval (its service events carry no stack label to follow,
/// and its task states are what swarm itself judges by); <see cref="SwarmChanges"/> turns the polls into events.
/// </summary>
public sealed class SwarmDeploySource(EnvironmentConfig env, StackInspector inspector, IRollbackPlanning planner, TimeProvider clock) : IDeploySource
{
    private HashSet<string> known = new(StringComparer.Ordinal);

    public ChannelReader<EngineEvent> Follow(DateTimeOffset since, Action<string> report, CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleWriter = true });
        _ = Task.Run(() => PollAsync(new SwarmChanges(since), channel.Writer, report, ct), CancellationToken.None);
        return channel.Reader;
    }

    public string Deployed(string unitId, string service) => $"{service} runs a new spec ({GuardDecisions.Abbreviate(unitId)})";

    public async Task<Dictionary<string, string>> CurrentAsync(CancellationToken ct) =>
        (await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
            .Where(s => s.Details?.Spec is not null)
            .ToDictionary(s => SwarmChanges.Unit(s.Service, s.Details!.Spec!.TaskDigest), s => s.Service, StringComparer.Ordinal);

    public async Task SettleAsync(CancellationToken ct) => known = (await CurrentAsync(ct).ConfigureAwait(false)).Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A poll tells every service's spec: the ones the baseline ran and the window's own are no deploy, so only a
    /// service changed while guard was down joins the window (and moves its end).
    /// </summary>
    public async Task ResumeAsync(WatchWindow window, Release? baseline, CancellationToken ct) =>
        known = (await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
            .Where(s => s.Details?.Spec is { } spec && baseline?.Service(s.Service)?.ServiceSpec?.TaskDigest == spec.TaskDigest)
            .Select(s => SwarmChanges.Unit(s.Service, s.Details!.Spec!.TaskDigest))
            .Concat(window.Containers.Keys)
            .ToHashSet(StringComparer.Ordinal);

    public async Task<string?> NewDeployAsync(EngineEvent engineEvent, CancellationToken ct) =>
        engineEvent.Action == SwarmChanges.Deploy && known.Add(engineEvent.ContainerId)
        && (await CurrentAsync(ct).ConfigureAwait(false)).TryGetValue(engineEvent.ContainerId, out var service)
            ? service
            : null;

    public Detection? Judge(EngineEvent engineEvent, IReadOnlyDictionary<string, string> watched) => SwarmEventJudge.Judge(env, engineEvent, watched);

    /// <summary>
    /// Swarm rolling a service back by itself (failure_action: rollback) changes its spec under guard's plan: guard
    /// waits for that to end (at most the health timeout), then plans from what runs; when swarm restored the
    /// release, the plan is empty and nothing is changed twice.
    /// </summary>
    public async Task LetEngineRollbackEndAsync(Action<string> report, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + env.HealthTimeout;
        var told = false;
        while (clock.GetUtcNow() < deadline
            && (await inspector.ServicesAsync(env, ct).ConfigureAwait(false)).FirstOrDefault(s => s.Details?.UpdateStatus?.State == "rollback_started") is { } rolling)
        {
            if (!told)
            {
                report($"{rolling.Service}: swarm's own rollback is running (failure_action: rollback); waiting for it to end before judging what to roll back");
                told = true;
            }

            await Task.Delay(env.Guard.Interval, clock, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The services the rollback planner would update back to the restored release: each one's spec now.</summary>
    public async Task<Dictionary<string, string>> DeployedMeanwhileAsync(long restored, CancellationToken ct)
    {
        var request = new RollbackRequest([], restored.ToString(CultureInfo.InvariantCulture), ImageOnly: false, StopTimeout: null, HealthTimeout: null, Verify: false);
        var plan = await planner.PlanAsync(env, request, ct).ConfigureAwait(false);
        return plan.Steps.OfType<UpdateServiceStep>().ToDictionary(s => SwarmChanges.Unit(s.Lane, s.Before.TaskDigest), s => s.Lane, StringComparer.Ordinal);
    }

    /// <summary>
    /// Polls until cancelled, asking again after the manager's own errors; any other failure (a client timeout,
    /// an answer that does not parse) ends the channel with a one-line error, so guard ends rather than hears nothing.
    /// </summary>
    private async Task PollAsync(SwarmChanges changes, ChannelWriter<EngineEvent> writer, Action<string> report, CancellationToken ct)
    {
        string? lastError = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    foreach (var engineEvent in changes.Next(await inspector.ServicesAsync(env, ct).ConfigureAwait(false), clock.GetUtcNow()))
                    {
                        writer.TryWrite(engineEvent);
                    }

                    lastError = null;
                }
                catch (Exception e) when (e is EngineUnreachableException or EngineOperationException or BacktrackException)
                {
                    if (e.Message != lastError)
                    {
                        report($"the swarm manager could not be read ({e.Message}); asking it again");
                        lastError = e.Message;
                    }
                }

                await Task.Delay(env.Guard.Interval, clock, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Guard or deploy is done: the channel just ends.
        }
        catch (Exception e)
        {
            writer.TryComplete(new BacktrackException($"stopped following the swarm manager ({e.GetType().Name}: {e.Message}); what runs is no longer watched: check it with 'backtrack status' (a restarted guard resumes its open window)", e));
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
