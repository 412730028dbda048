using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;

namespace Backtrack.Databases;

/// <summary>
/// A swarm stack's writers while its databases are restored: stopping a task's container would only make
/// swarm start another, so each writer service with replicas is scaled to 0 (in reverse of the configured
/// order) and back afterwards, each gated by the swarm service gate.
/// </summary>
public sealed class SwarmWriters(StackInspector stack)
{
    /// <summary>The writer services that run replicas now; a global writer is refused (it cannot be scaled to 0).</summary>
    public async Task<IReadOnlyList<ServiceDetails>> RunningAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var services = await stack.ServicesAsync(env, ct).ConfigureAwait(false);
        var writers = new List<ServiceDetails>();
        foreach (var writer in env.Writers)
        {
            var details = services.FirstOrDefault(s => s.Service == writer)?.Details
                ?? throw new BacktrackException($"writers: service '{writer}' is not deployed in stack '{env.Project}'; fix 'writers' in the config");
            if (details.Mode is not ServiceMode.Replicated)
            {
                throw new BacktrackException($"writers: service '{writer}' is a {details.Mode} service, which cannot be scaled to 0; make it replicated or leave it out of 'writers'");
            }

            if (details.Replicas is > 0)
            {
                writers.Add(details);
            }
        }

        return writers;
    }

    public static IEnumerable<PlanStep> Stop(IReadOnlyList<ServiceDetails> writers, int wave, TimeSpan timeout) =>
        writers.Reverse().Select(w => new ScaleServiceStep(wave, "writers", w.Id, w.Name, 0, w.Replicas!.Value, timeout));

    /// <summary>Each writer back to its replicas and gated, in a lane of its own named by its stack-file name (the gate's service).</summary>
    public static IEnumerable<PlanStep> Start(EnvironmentConfig env, IReadOnlyList<ServiceDetails> writers, int wave, TimeSpan stopTimeout, TimeSpan healthTimeout) =>
        writers.SelectMany(w =>
        {
            var lane = SwarmLabels.ServiceName(env.Project, w.Name);
            return new PlanStep[]
            {
                new ScaleServiceStep(wave, lane, w.Id, w.Name, w.Replicas!.Value, 0, stopTimeout),
                new ServiceGateStep(wave, lane, w.Name, healthTimeout),
            };
        });
}
