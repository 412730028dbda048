using Backtrack.Planning;

namespace Backtrack.Databases.Steps;

/// <summary>
/// Waits until Redis has loaded its files, then checks it holds the snapshot's number of keys. INSTANCE only
/// names it in messages (Compose: its container; swarm: its service): the running container is found at run time.
/// </summary>
[StepKind("redis.wait-loaded")]
public sealed record WaitRedisLoadedStep(int Wave, string Lane, string Instance, string SnapshotId, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"wait until Redis in {Instance} has loaded (at most {Timeout.TotalSeconds:0.#} s) and check its key count";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var manifest = await DatabaseStepSupport.ManifestAsync(context, SnapshotId, ct).ConfigureAwait(false);
        var expected = manifest.Redis?.Keys ?? throw new BacktrackException($"snapshot {SnapshotId} has no Redis files");
        var client = await DatabaseStepSupport.RedisAsync(context, ct).ConfigureAwait(false);
        await client.WaitLoadedAsync(Timeout, ct).ConfigureAwait(false);
        var keys = await client.KeyCountAsync(ct).ConfigureAwait(false);
        if (keys != expected)
        {
            throw new BacktrackException($"Redis in {Instance} holds {keys} keys after loading; the snapshot has {expected}");
        }
    }
}
