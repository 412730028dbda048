using Backtrack.Configuration;
using Backtrack.Databases.Steps;
using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Swarm;
using Backtrack.Swarm.Steps;
using Backtrack.Targets;

namespace Backtrack.Databases;

/// <summary>
/// Redis restored on a swarm: a stopped task's container would only be replaced by swarm, so the service is
/// scaled to 0, the snapshot's files are put into the volume holding its data directory (on the node its task
/// ran on), the service is scaled back and gated, and Redis's key count is checked. Each step has its undo.
/// </summary>
public sealed class SwarmRedisRestore(StackInspector stack)
{
    public async Task<IReadOnlyList<PlanStep>> StepsAsync(
        EnvironmentConfig env, LocatedContainer redis, string directory, int wave, string snapshotId, string safetySnapshotId, TimeSpan stopTimeout, TimeSpan healthTimeout, CancellationToken ct)
    {
        var name = DatabaseContainers.RedisConfig(env).Service;
        var services = await stack.ServicesAsync(env, ct).ConfigureAwait(false);
        var service = services.First(s => s.Service == name).Details!;
        if (service.Mode is not ServiceMode.Replicated)
        {
            throw new BacktrackException($"redis service '{name}' is a {service.Mode} service, which cannot be scaled to 0 while its files are replaced; make it replicated (nothing was changed)");
        }

        var mount = VolumeOf(redis.Container, directory)
            ?? throw new BacktrackException(
                $"redis service '{name}' keeps {directory} in no named volume; swarm replaces its task's container, so Backtrack restores Redis through a volume: mount one at {directory} (nothing was changed)");
        var path = Path.GetRelativePath(mount.Destination, directory);
        var replicas = service.Replicas!.Value;
        return
        [
            new ScaleServiceStep(wave, name, service.Id, service.Name, 0, replicas, stopTimeout),
            new PutRedisVolumeFilesStep(wave, name, redis.NodeId, mount.Source, path == "." ? "" : path, redis.Container.ImageId, snapshotId, safetySnapshotId),
            new ScaleServiceStep(wave, name, service.Id, service.Name, replicas, 0, stopTimeout),
            new ServiceGateStep(wave, name, service.Name, healthTimeout),
            new WaitRedisLoadedStep(wave, name, service.Name, snapshotId, DatabaseRollbackPlanner.RedisLoadTimeout),
        ];
    }

    /// <summary>The named volume mounted at the directory or nearest above it.</summary>
    private static MountPoint? VolumeOf(ContainerDetails container, string directory) =>
        container.Mounts
            .Where(m => m.Type == "volume" && (directory == m.Destination || directory.StartsWith(m.Destination.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .MaxBy(m => m.Destination.Length);
}
