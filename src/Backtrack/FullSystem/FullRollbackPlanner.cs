using Backtrack.Configuration;
using Backtrack.Databases.Steps;
using Backtrack.Engine;
using Backtrack.FullSystem.Steps;
using Backtrack.Planning;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;
using Backtrack.Snapshots;
using Backtrack.Targets;
using Backtrack.Verify;

namespace Backtrack.FullSystem;

/// <summary>
/// Plans 'rollback full': verify the snapshot (refused before anything stops), a full safety snapshot of
/// the present, then the restore; the step right after the safety snapshot restores that snapshot when
/// any later step fails, so later steps run forward only. Planning reads only.
/// </summary>
public sealed class FullRollbackPlanner(IEngineQueries engine, IServiceContainers containers, TimeProvider clock)
{
    public const string Command = "rollback full";

    public async Task<Plan> PlanAsync(EnvironmentConfig env, string to, CancellationToken ct)
    {
        var store = new SnapshotStore(env.Snapshots.Directory);
        var manifest = await SnapshotTarget.ResolveAsync(store, to, clock, ct).ConfigureAwait(false);
        var planId = Plan.NewId(clock);
        var restore = await FullRestore.StepsAsync(engine, containers, env, store, manifest, planId, 2, ct).ConfigureAwait(false);
        List<PlanStep> steps =
        [
            new VerifySnapshotStep(0, "checks", manifest.Id, SnapshotScope.Databases),
            new FullSafetySnapshotStep(1, "safety", planId),
            new RestoreOnUndoStep(1, "safety", planId),
            .. restore.Select(s => new ForwardOnlyStep(s)),
        ];
        var last = steps.Max(s => s.Wave);
        steps.Add(new RecordReleaseStep(last + 1, "rollback", $"after full rollback to snapshot {manifest.Id}"));
        return new Plan(planId, Command, $"restore snapshot {manifest.Id} ({manifest.Kind}, {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC): {Contents(manifest)}; safety snapshot {planId} first", steps);
    }

    private static string Contents(SnapshotManifest manifest) =>
        $"{manifest.Release?.Services.Count ?? 0} services, {manifest.Volumes?.Count(v => !v.Database) ?? 0} volumes, {manifest.Config?.Count ?? 0} config files"
        + (manifest.Postgres is null ? "" : ", postgres") + (manifest.Redis is null ? "" : ", redis");
}
