using System.Text;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Postgres;

namespace Backtrack.Databases.Steps;

/// <summary>Restores roles and tablespaces (existing ones tolerated). Roles are only added or altered, so there is nothing to undo.</summary>
[StepKind("postgres.restore-globals")]
public sealed record RestoreGlobalsStep(int Wave, string Lane, string SnapshotId) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"restore roles from snapshot {SnapshotId} (existing roles kept)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = DatabaseStepSupport.Store(context);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        var artifact = manifest.Artifacts.FirstOrDefault(a => a.Kind == SnapshotArtifact.PostgresGlobals);
        if (artifact is null)
        {
            return;
        }

        var client = await DatabaseStepSupport.PostgresAsync(context, ct).ConfigureAwait(false);
        var globals = await File.ReadAllTextAsync(store.PathOf(manifest, artifact), ct).ConfigureAwait(false);
        using var script = new MemoryStream(Encoding.UTF8.GetBytes(GlobalsScript.Tolerant(globals, client.Config.User)));
        await client.ExecuteScriptAsync(PostgresClient.MaintenanceDatabase, script, ct).ConfigureAwait(false);
    }
}
