using Backtrack.Engine;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Redis;

namespace Backtrack.Databases.Steps;

/// <summary>
/// Puts the snapshot's dump.rdb (and AOF directory) into the stopped Redis container, so Redis loads them
/// when it starts and has no memory to save over them. Undoing puts the safety snapshot's files back.
/// </summary>
[StepKind("redis.put-files")]
public sealed record PutRedisFilesStep(int Wave, string Lane, string Container, string SnapshotId, string SafetySnapshotId) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"put the Redis files of snapshot {SnapshotId} into the stopped {Container}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => PutAsync(context, SnapshotId, ct);

    public override string DescribeCompensation() => $"put the Redis files of safety snapshot {SafetySnapshotId} back into {Container}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => PutAsync(context, SafetySnapshotId, ct);

    private async Task PutAsync(StepContext context, string snapshotId, CancellationToken ct)
    {
        var (store, manifest, redis) = await DatabaseStepSupport.RedisFilesAsync(context, snapshotId, ct).ConfigureAwait(false);
        await PutAllAsync(context.Engine, store, manifest, redis, Container, redis.Directory, ct).ConfigureAwait(false);
    }

    /// <summary>The snapshot's Redis files into DIRECTORY of the (stopped or parked) container.</summary>
    internal static async Task PutAllAsync(
        IContainerEngine engine, SnapshotStore store, SnapshotManifest manifest, RedisSnapshot redis, string container, string directory, CancellationToken ct)
    {
        foreach (var artifact in manifest.Artifacts)
        {
            await using var file = store.OpenArtifact(manifest, artifact);
            if (artifact.Kind == SnapshotArtifact.RedisRdb)
            {
                await RedisFiles.PutFileAsync(engine, container, directory, redis.DbFilename, file, artifact.Attributes, ct).ConfigureAwait(false);
            }
            else if (artifact.Kind == SnapshotArtifact.RedisAof)
            {
                await engine.PutArchiveAsync(container, directory, file, ct).ConfigureAwait(false);
            }
        }
    }
}
