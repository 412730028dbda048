using Backtrack.Configuration;
using Backtrack.Databases.Steps;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;
using Backtrack.Snapshots.Redis;
using Backtrack.Status;
using Backtrack.Swarm;
using Backtrack.Targets;

namespace Backtrack.Databases;

/// <summary>
/// Plans a database rollback: verify the snapshot, check versions, take a safety snapshot, stop the
/// writers, restore Postgres into new databases swapped in by rename and Redis by files put into its
/// stopped container, start the writers, health gate. Planning connects (a wrong password or a stopped
/// database fails here, with nothing changed) but changes nothing: it reaches the database servers only
/// through exec, with read-only queries, and sees containers through the read-only inspector. On a swarm
/// the writers are scaled to 0 and back (<see cref="SwarmWriters"/>) and Redis is restored through its
/// volume (<see cref="SwarmRedisRestore"/>); the steps reach each database on the engine of its task's node.
/// </summary>
public sealed class DatabaseRollbackPlanner(IServiceContainers containers, ProjectInspector inspector, SwarmWriters swarmWriters, SwarmRedisRestore swarmRedis, TimeProvider clock)
{
    internal static readonly TimeSpan RedisLoadTimeout = TimeSpan.FromMinutes(10);

    public async Task<Plan> PlanAsync(EnvironmentConfig env, DatabaseRollbackRequest request, CancellationToken ct)
    {
        var store = new SnapshotStore(env.Snapshots.Directory);
        var manifest = await store.LoadAsync(request.SnapshotId, ct).ConfigureAwait(false);
        var scope = Scope(manifest, request.Scope);
        var planId = Plan.NewId(clock);
        var steps = new List<PlanStep> { new VerifySnapshotStep(0, "checks", manifest.Id, scope) };

        var swarm = env.Backend is Backend.Swarm;
        ContainerDetails? postgresContainer = null;
        if (scope.HasFlag(SnapshotScope.Postgres) && manifest.Postgres is { } postgres)
        {
            var config = DatabaseContainers.PostgresConfig(env);
            (postgresContainer, var databases) = await containers.RunningBeforeChangesAsync(env, "postgres", config.Service, ct).ConfigureAwait(false);
            var (version, number) = await new PostgresClient(databases, postgresContainer.Id, config).ServerVersionAsync(ct).ConfigureAwait(false);
            CheckServerVersionStep.Require(postgres.ServerVersion, postgres.Major, version, number);
            steps.Add(new CheckServerVersionStep(0, "checks", postgresContainer.Name, postgres.ServerVersion, postgres.Major));
        }

        LocatedContainer? redis = null;
        if (scope.HasFlag(SnapshotScope.Redis) && manifest.Redis is { } redisSnapshot)
        {
            var config = DatabaseContainers.RedisConfig(env);
            redis = await containers.RunningBeforeChangesAsync(env, "redis", config.Service, ct).ConfigureAwait(false);
            var appendOnly = await new RedisClient(redis.Engine, redis.Container.Id).ConfigAsync("appendonly", ct).ConfigureAwait(false) == "yes";
            if (appendOnly && !redisSnapshot.AppendOnly)
            {
                throw new BacktrackException(
                    $"Redis runs with appendonly on but snapshot {manifest.Id} was taken with it off: Redis would load its AOF and ignore the snapshot's RDB");
            }
        }

        steps.Add(new SafetySnapshotStep(1, "safety", planId, scope));

        var stopTimeout = request.StopTimeout ?? env.StopTimeout;
        var healthTimeout = request.HealthTimeout ?? env.HealthTimeout;
        if (swarm)
        {
            var scaled = await swarmWriters.RunningAsync(env, ct).ConfigureAwait(false);
            steps.AddRange(SwarmWriters.Stop(scaled, 2, stopTimeout));
            if (postgresContainer is not null)
            {
                steps.AddRange(PostgresRestoreSteps(3, manifest.Id, manifest.Postgres!, planId));
            }

            if (redis is not null)
            {
                steps.AddRange(await swarmRedis.StepsAsync(env, redis, manifest.Redis!.Directory, 3, manifest.Id, planId, stopTimeout, healthTimeout, ct).ConfigureAwait(false));
            }

            steps.AddRange(SwarmWriters.Start(env, scaled, 4, stopTimeout, healthTimeout));
            return new Plan(planId, "rollback db", Summary(manifest, scope, scaled.Select(w => SwarmLabels.ServiceName(env.Project, w.Name)).ToList()), steps);
        }

        var writers = await RunningWritersAsync(env, ct).ConfigureAwait(false);
        var levels = RollbackPlanner.DependencyLevels(writers);
        var order = writers.OrderBy(w => levels[ServiceOf(w)]).ThenBy(ServiceOf, StringComparer.Ordinal).ToList();
        var restores = new List<PlanStep>();
        foreach (var writer in Enumerable.Reverse(order))
        {
            HoldRestartPolicy(steps, restores, 2, 4, "writers", writer);
            steps.Add(new StopContainerStep(2, "writers", writer.Id, writer.Name, stopTimeout, env.ServiceOrDefault(ServiceOf(writer)).Health));
        }

        if (postgresContainer is not null && manifest.Postgres is { } dumped)
        {
            steps.AddRange(PostgresRestoreSteps(3, manifest.Id, dumped, planId));
        }

        if (redis?.Container is { } redisContainer)
        {
            var service = ServiceOf(redisContainer);
            var redisRestore = new List<PlanStep>();
            HoldRestartPolicy(steps, redisRestore, 3, 3, "redis", redisContainer);
            steps.Add(new StopContainerStep(3, "redis", redisContainer.Id, redisContainer.Name, stopTimeout, env.ServiceOrDefault(service).Health));
            steps.AddRange(RedisRestoreSteps(3, redisContainer.Name, manifest.Id, planId, stopTimeout));
            steps.AddRange(redisRestore);
        }

        foreach (var writer in order)
        {
            steps.Add(new StartContainerStep(4, "writers", writer.Name, stopTimeout));
        }

        steps.AddRange(restores);
        foreach (var writer in order)
        {
            steps.Add(new HealthGateStep(4, "writers", writer.Name, env.ServiceOrDefault(ServiceOf(writer)).Health, healthTimeout));
        }

        return new Plan(planId, "rollback db", Summary(manifest, scope, order.Select(ServiceOf).ToList()), steps);
    }

    private static string Summary(SnapshotManifest manifest, SnapshotScope scope, IReadOnlyList<string> writers)
    {
        var what = string.Join(" and ", new[] { scope.HasFlag(SnapshotScope.Postgres) ? "Postgres" : null, scope.HasFlag(SnapshotScope.Redis) ? "Redis" : null }.OfType<string>());
        return $"restore {what} from snapshot {manifest.Id} ({manifest.Kind}, {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC); "
            + $"writers stopped meanwhile: {(writers.Count == 0 ? "none running" : string.Join(", ", writers))}";
    }

    /// <summary>
    /// Postgres restored exactly from a snapshot's dumps into a running server: roles, then per database a
    /// staging database, pg_restore, row counts checked, swapped in by rename (the live one kept aside
    /// under the operation's ID). Also the database part of a full rollback.
    /// </summary>
    public static IEnumerable<PlanStep> PostgresRestoreSteps(int wave, string snapshotId, PostgresSnapshot dumped, string operationId)
    {
        yield return new RestoreGlobalsStep(wave, "postgres", snapshotId);
        foreach (var database in dumped.Databases)
        {
            var staging = PostgresSql.StagingName(database.Name);
            yield return new CreateStagingDatabaseStep(wave, "postgres", staging, database.Owner, database.Encoding, database.Collate, database.Ctype);
            yield return new PgRestoreStep(wave, "postgres", snapshotId, database.Artifact, staging);
            yield return new CheckRowCountsStep(wave, "postgres", snapshotId, database.Name, staging);
            yield return new SwapDatabaseStep(wave, "postgres", database.Name, staging, PostgresSql.AsideName(database.Name, operationId));
        }
    }

    /// <summary>
    /// Redis restored from a snapshot's files into its stopped container, started, loaded and its key count
    /// checked; undoing puts the safety snapshot's files back. Also the Redis part of a full rollback.
    /// </summary>
    public static IEnumerable<PlanStep> RedisRestoreSteps(int wave, string container, string snapshotId, string safetySnapshotId, TimeSpan stopTimeout)
    {
        yield return new PutRedisFilesStep(wave, "redis", container, snapshotId, safetySnapshotId);
        yield return new StartContainerStep(wave, "redis", container, stopTimeout);
        yield return new WaitRedisLoadedStep(wave, "redis", container, snapshotId, RedisLoadTimeout);
    }

    /// <summary>The requested part of what the snapshot holds; asking for a part it lacks is an error.</summary>
    private static SnapshotScope Scope(SnapshotManifest manifest, SnapshotScope requested)
    {
        var held = (manifest.Postgres is null ? SnapshotScope.None : SnapshotScope.Postgres) | (manifest.Redis is null ? SnapshotScope.None : SnapshotScope.Redis);
        if (requested != SnapshotScope.Databases && (held & requested) != requested)
        {
            throw new BacktrackException($"snapshot {manifest.Id} holds no {SnapshotCreator.Describe(requested)} data");
        }

        var scope = held & requested;
        return scope != SnapshotScope.None
            ? scope
            : throw new BacktrackException($"snapshot {manifest.Id} holds no database data");
    }

    /// <summary>
    /// A container stopped while a database is restored: with "always", a daemon restart meanwhile would start
    /// it again (even stopped by hand), so its policy is "no" until it is started again.
    /// </summary>
    private static void HoldRestartPolicy(List<PlanStep> steps, List<PlanStep> restores, int holdWave, int restoreWave, string lane, ContainerDetails container)
    {
        if (container.RestartPolicy.RestartsWhenStopped)
        {
            var (hold, restore) = SetRestartPolicyStep.Around(holdWave, restoreWave, lane, container);
            steps.Add(hold);
            restores.Add(restore);
        }
    }

    private async Task<List<ContainerDetails>> RunningWritersAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var writers = new List<ContainerDetails>();
        foreach (var service in env.Writers)
        {
            var container = await inspector.RequireAsync(env, service, ct).ConfigureAwait(false);
            if (container.State.Running)
            {
                writers.Add(container);
            }
        }

        return writers;
    }

    private static string ServiceOf(ContainerDetails container) =>
        container.Spec.Labels.GetValueOrDefault(Compose.ComposeLabels.Service, container.Name);
}
