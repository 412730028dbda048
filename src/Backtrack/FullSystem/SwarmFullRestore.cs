using Backtrack.Configuration;
using Backtrack.Databases;
using Backtrack.Databases.Steps;
using Backtrack.Engine;
using Backtrack.FullSystem.Steps;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;
using Backtrack.Targets;

namespace Backtrack.FullSystem;

/// <summary>
/// A full snapshot brought back on a swarm stack: every service but the databases scaled to 0 (writers
/// first) and its stopped task containers removed, the volumes replaced exactly, Postgres restored from its dumps and Redis
/// through its volume (the database rollback's steps), then every service updated to the spec recorded with
/// the snapshot (its replicas too: what was scaled runs again) and gated.
/// </summary>
public static class SwarmFullRestore
{
    public static async Task<IReadOnlyList<PlanStep>> StepsAsync(
        IEngineQueries engine, IServiceContainers containers, EnvironmentConfig env, SnapshotStore store, SnapshotManifest manifest, string operationId, int firstWave, CancellationToken ct)
    {
        var release = await FullRestore.ReadReleaseAsync(store, manifest, ct).ConfigureAwait(false);
        var stack = new StackInspector(engine);
        var deployed = await stack.ServicesAsync(env, ct).ConfigureAwait(false);
        var databases = new[] { env.Postgres?.Service, env.Redis?.Service }.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var steps = new List<PlanStep>();
        var recorded = new List<(ServiceDetails Details, SwarmServiceSpec Spec)>();
        foreach (var service in release.Services)
        {
            var spec = service.ServiceSpec ?? throw new BacktrackException($"snapshot {manifest.Id} was taken of a Compose project; restore it there");
            var details = deployed.FirstOrDefault(s => s.Service == service.Service)?.Details
                ?? throw new BacktrackException($"service {service.Service} of snapshot {manifest.Id} is not deployed in stack '{env.Project}'; deploy the stack, then roll back");
            recorded.Add((details, spec));
            if (databases.Contains(service.Service))
            {
                continue;
            }

            if (details.Mode is not ServiceMode.Replicated)
            {
                throw new BacktrackException($"service {service.Service} is a {details.Mode} service, which cannot be scaled to 0 while its volumes are replaced; make it replicated");
            }

            // Writers stop first: nothing they write is lost to a service stopping under them.
            var wave = firstWave + (env.Writers.Contains(service.Service) ? 0 : 1);
            if (details.Replicas is not 0)
            {
                steps.Add(new ScaleServiceStep(wave, service.Service, details.Id, details.Name, 0, details.Replicas!.Value, env.StopTimeout));
            }

            // Even at 0 replicas its stopped task containers still hold the volumes.
            steps.Add(new RemoveTaskContainersStep(wave, service.Service, details.Id, details.Name, env.StopTimeout));
        }

        await SwarmObjects.RefuseMissingAsync(
                engine, $"snapshot {manifest.Id}", "restore a later snapshot ('backtrack snapshot list')", release.Services.Select(s => (s.Service, s.ServiceSpec!)), ct)
            .ConfigureAwait(false);
        var restore = firstWave + 2;
        var helper = release.Services[0].ImageId;
        steps.AddRange((manifest.Volumes ?? []).Where(v => !v.Database).Select(v => new ReplaceVolumeStep(restore, "volume " + v.Name, manifest.Id, v.Name, helper)));
        if (manifest.Postgres is { } dumped && env.Postgres is { } postgres)
        {
            var located = await containers.RunningBeforeChangesAsync(env, "postgres", postgres.Service, ct).ConfigureAwait(false);
            steps.Add(new CheckServerVersionStep(restore, "postgres", located.Container.Name, dumped.ServerVersion, dumped.Major));
            steps.AddRange(DatabaseRollbackPlanner.PostgresRestoreSteps(restore, manifest.Id, dumped, operationId));
        }

        if (manifest.Redis is { } redis && env.Redis is { } config)
        {
            // The safety snapshot is taken under the operation's ID (FullSafetySnapshotStep): what the undo names.
            var located = await containers.RunningBeforeChangesAsync(env, "redis", config.Service, ct).ConfigureAwait(false);
            steps.AddRange(await new SwarmRedisRestore(stack).StepsAsync(env, located, redis.Directory, restore, manifest.Id, operationId, env.StopTimeout, env.HealthTimeout, ct)
                .ConfigureAwait(false));
        }

        foreach (var (details, spec) in recorded)
        {
            var lane = SwarmLabels.ServiceName(env.Project, details.Name);
            steps.Add(new RestoreServiceSpecStep(restore + 1, lane, details.Id, details.Name, spec));
            steps.Add(new ServiceGateStep(restore + 1, lane, details.Name, env.HealthTimeout));
        }

        return steps;
    }
}
