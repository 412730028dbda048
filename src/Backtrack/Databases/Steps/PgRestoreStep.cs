using Backtrack.Planning;

namespace Backtrack.Databases.Steps;

/// <summary>pg_restore --exit-on-error of the snapshot's dump, streamed into the container, into the staging database.</summary>
[StepKind("postgres.restore")]
public sealed record PgRestoreStep(int Wave, string Lane, string SnapshotId, string Artifact, string Staging) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"pg_restore --exit-on-error {Artifact} into {Staging}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = DatabaseStepSupport.Store(context);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        await using var dump = store.OpenArtifact(manifest, manifest.Artifact(Artifact));
        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        await client.RestoreAsync(Staging, dump, ct).ConfigureAwait(false);
    }
}
