using System.Text.Json;
using Backtrack.Configuration;
using Backtrack.Databases;
using Backtrack.Databases.Steps;
using Backtrack.Engine;
using Backtrack.FullSystem.Steps;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;
using Backtrack.Snapshots;
using Backtrack.Targets;
using Backtrack.Serialization;

namespace Backtrack.FullSystem;

/// <summary>
/// The steps that bring a full snapshot back, used by 'rollback full', by the undo of its safety snapshot
/// and by 'repair' after a killed full rollback: stop every service (reverse dependency order), remove the
/// containers, the deploy commit, config files, volumes replaced exactly, containers created from the
/// snapshot's specs and images, the databases restored from their dumps (the database rollback's steps)
/// with nothing else started, then what ran started in dependency order and health-gated.
/// </summary>
public static class FullRestore
{
    /// <summary>The restore steps, waves from <paramref name="firstWave"/>. Throws (changing nothing) when an image of the snapshot is gone.</summary>
    public static async Task<IReadOnlyList<PlanStep>> StepsAsync(
        IEngineQueries engine, IServiceContainers containers, EnvironmentConfig env, SnapshotStore store, SnapshotManifest manifest, string operationId, int firstWave, CancellationToken ct)
    {
        if (env.Backend is Backend.Swarm)
        {
            return await SwarmFullRestore.StepsAsync(engine, containers, env, store, manifest, operationId, firstWave, ct).ConfigureAwait(false);
        }

        var specs = await ReadReleaseAsync(store, manifest, ct).ConfigureAwait(false);
        var release = manifest.Release!;
        var images = new Dictionary<string, string>();
        foreach (var service in specs.Services)
        {
            images[service.Service] = await ImageForAsync(engine, manifest, service, ct).ConfigureAwait(false);
        }

        var wave = firstWave;
        var steps = new List<PlanStep>
        {
            new StopServicesStep(wave, "services", env.StopTimeout),
            new RemoveServicesStep(wave + 1, "services"),
        };
        if (env.Git is not null && release.GitCommit is { } commit)
        {
            steps.Add(new GitResetKeepStep(wave + 2, "git", commit));
        }

        if (manifest.Config is { Count: > 0 } config)
        {
            steps.Add(new RestoreConfigFilesStep(wave + 3, "config", manifest.Id, config.Select(c => c.Path).ToList()));
        }

        var helper = specs.Services[0].ImageId;
        foreach (var volume in (manifest.Volumes ?? []).Where(v => !v.Database))
        {
            steps.Add(new ReplaceVolumeStep(wave + 3, "volume " + volume.Name, manifest.Id, volume.Name, helper));
        }

        var nameByOldId = release.Services.ToDictionary(s => s.ContainerId, s => s.ContainerName);
        foreach (var service in specs.Services)
        {
            var spec = ServiceOrder.WithNetworkContainer(service.Spec with { Image = images[service.Service] }, nameByOldId);
            steps.Add(new CreateContainerStep(wave + 4, service.Service, service.ContainerName, spec));
        }

        // The dumps are the databases' truth (a live copy of their files is not consistent): restored with
        // the database rollback's own steps while nothing else runs.
        var databases = wave + 5;
        var started = new HashSet<string>();
        if (manifest.Redis is not null && env.Redis is { } redis && specs.Service(redis.Service) is { } redisService)
        {
            // The safety snapshot is taken under the operation's ID (FullSafetySnapshotStep): what the undo names.
            steps.AddRange(DatabaseRollbackPlanner.RedisRestoreSteps(databases, redisService.ContainerName, manifest.Id, operationId, env.StopTimeout));
            started.Add(redis.Service);
        }

        if (manifest.Postgres is { } dumped && env.Postgres is { } postgres && specs.Service(postgres.Service) is { } pgService)
        {
            steps.Add(new StartContainerStep(databases, "postgres", pgService.ContainerName, env.StopTimeout));
            steps.Add(new WaitPostgresReadyStep(databases, "postgres", pgService.ContainerName, env.HealthTimeout));
            steps.Add(new CheckServerVersionStep(databases, "postgres", pgService.ContainerName, dumped.ServerVersion, dumped.Major));
            steps.AddRange(DatabaseRollbackPlanner.PostgresRestoreSteps(databases, manifest.Id, dumped, operationId));
            started.Add(postgres.Service);
        }

        var running = release.Services.Where(s => s.Running).Select(s => s.Service).ToHashSet();
        var levels = ServiceOrder.Levels(specs.Services.Select(s => (s.Service, release.Services.First(r => r.Service == s.Service).ContainerId, s.ContainerName, s.Spec)).ToList());
        foreach (var service in specs.Services.Where(s => running.Contains(s.Service) && !started.Contains(s.Service)))
        {
            steps.Add(new StartContainerStep(databases + 1 + levels[service.Service], service.Service, service.ContainerName, env.StopTimeout));
        }

        var gates = databases + 2 + levels.Values.DefaultIfEmpty(0).Max();
        foreach (var service in specs.Services.Where(s => running.Contains(s.Service)))
        {
            steps.Add(new HealthGateStep(gates, service.Service, service.ContainerName, env.ServiceOrDefault(service.Service).Health, env.HealthTimeout));
        }

        return steps;
    }

    /// <summary>Restores a full snapshot step by step, in order (the undo of a failed full rollback, and repair after a killed one).</summary>
    public static async Task RunAsync(StepContext context, string snapshotId, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        var manifest = await store.LoadAsync(snapshotId, ct).ConfigureAwait(false);
        var steps = await StepsAsync(context.Engine, context.Containers, context.Environment, store, manifest, Plan.NewId(context.Clock), 0, ct).ConfigureAwait(false);
        foreach (var step in steps.OrderBy(s => s.Wave))
        {
            await step.ApplyAsync(context, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The services' specs recorded with a full snapshot; refused for a snapshot taken with --only.</summary>
    internal static async Task<Release> ReadReleaseAsync(SnapshotStore store, SnapshotManifest manifest, CancellationToken ct)
    {
        var release = manifest.Release
            ?? throw new BacktrackException($"snapshot {manifest.Id} holds no service specs (taken with --only); a full rollback needs a full snapshot");
        await using var file = store.OpenArtifact(manifest, manifest.Artifact(release.Artifact));
        var specs = await JsonSerializer.DeserializeAsync(file, SnapshotStore.JsonOptions.TypeInfo<Release>(), ct).ConfigureAwait(false);
        return specs is { Services.Count: > 0 } ? specs : throw new BacktrackException($"snapshot {manifest.Id}: {release.Artifact} holds no services");
    }

    /// <summary>The recorded image reference while it still names the recorded image; its ID once the tag has moved.</summary>
    private static async Task<string> ImageForAsync(IImageQueries engine, SnapshotManifest manifest, ServiceRelease service, CancellationToken ct)
    {
        if (await engine.InspectImageAsync(service.ImageId, ct).ConfigureAwait(false) is null)
        {
            throw new BacktrackException($"image {service.Image} ({service.ImageId}) of service {service.Service} in snapshot {manifest.Id} is no longer on the engine");
        }

        return (await engine.InspectImageAsync(service.Image, ct).ConfigureAwait(false))?.Id == service.ImageId ? service.Image : service.ImageId;
    }
}
