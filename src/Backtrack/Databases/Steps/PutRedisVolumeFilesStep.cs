using Backtrack.Planning;
using Backtrack.Volumes;

namespace Backtrack.Databases.Steps;

/// <summary>
/// Puts the snapshot's dump.rdb (and AOF directory) into the volume holding Redis's data directory while its
/// swarm service is scaled to 0 (swarm would replace a stopped task), through a parked container on the node
/// its task ran on. Undoing puts the safety snapshot's files back.
/// </summary>
[StepKind("redis.put-volume-files")]
public sealed record PutRedisVolumeFilesStep(
    int Wave, string Service, string NodeId, string Volume, string PathInVolume, string HelperImage, string SnapshotId, string SafetySnapshotId)
    : PlanStep(Wave, Service)
{
    public override string Describe() => $"put the Redis files of snapshot {SnapshotId} into volume {Volume}{Subdirectory}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => PutAsync(context, SnapshotId, ct);

    public override string DescribeCompensation() => $"put the Redis files of safety snapshot {SafetySnapshotId} back into volume {Volume}{Subdirectory}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => PutAsync(context, SafetySnapshotId, ct);

    private string Subdirectory => PathInVolume.Length == 0 ? "" : $" ({PathInVolume})";

    private async Task PutAsync(StepContext context, string snapshotId, CancellationToken ct)
    {
        var (store, manifest, redis) = await DatabaseStepSupport.RedisFilesAsync(context, snapshotId, ct).ConfigureAwait(false);
        var engine = await context.Containers.NodeEngineAsync(context.Environment, Service, NodeId, ct).ConfigureAwait(false);
        var directory = PathInVolume.Length == 0 ? VolumeTransfer.MountPath : $"{VolumeTransfer.MountPath}/{PathInVolume}";
        await new VolumeTransfer(engine, HelperImage)
            .WithParkedAsync(Volume, (parked, token) => PutRedisFilesStep.PutAllAsync(engine, store, manifest, redis, parked, directory, token), ct)
            .ConfigureAwait(false);
    }
}
