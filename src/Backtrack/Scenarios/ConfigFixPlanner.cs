using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;
using Backtrack.Snapshots;
using Backtrack.Status;

namespace Backtrack.Scenarios;

/// <summary>
/// Plans 'fix config': the project's .env back from a saved copy, and exactly the services whose
/// configuration uses a changed key recreated by Compose, then gated. The diff is shown by key only.
/// </summary>
public sealed class ConfigFixPlanner(ProjectInspector inspector, TimeProvider clock)
{
    public const string DefaultSource = ".env.backup";

    public async Task<Plan> PlanAsync(EnvironmentConfig env, string? from, CancellationToken ct)
    {
        var services = await inspector.ServicesAsync(env, ct).ConfigureAwait(false);
        var files = services.Select(s => s.Container is { } c ? ComposeProjectFiles.FromLabels(c.Spec.Labels) : null).FirstOrDefault(f => f is not null)
            ?? throw new BacktrackException($"the Compose files of project '{env.Project}' are not on this host: 'fix config' restores them where Compose reads them");
        var target = files.EnvFilePath;
        var source = await SourceAsync(env, files, from, ct).ConfigureAwait(false);
        var diff = EnvDiff.Compare(
            await ComposeProjectFiles.ReadEnvFileAsync(target, ct).ConfigureAwait(false),
            await ComposeProjectFiles.ReadEnvFileAsync(source, ct).ConfigureAwait(false));
        var planId = Plan.NewId(clock);
        if (diff.IsEmpty)
        {
            return new Plan(planId, "fix config", $"{target} already has the values of {source}", []);
        }

        var affected = await ComposeVariables.ServicesUsingAsync(files, diff.Keys, ct).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        foreach (var service in services.Where(s => affected.Contains(s.Service) && s.Container is not null))
        {
            steps.Add(new ExpectContainerStep(0, service.Service, service.Container!.Name, service.Container.Id));
        }

        if (affected.Count > 0)
        {
            steps.Add(new RecreateServicesStep(1, files, env.Project, affected, OnUndoOnly: true));
        }

        steps.Add(new RestoreEnvFileStep(1, target, source, KeptFile.PathFor(env.StateDirectory, planId, ".env"), diff));
        if (affected.Count > 0)
        {
            steps.Add(new RecreateServicesStep(1, files, env.Project, affected, OnUndoOnly: false));
            steps.Add(new GateServicesStep(2, affected, env.HealthTimeout));
        }

        var summary = $"{diff.Describe()}; recreate {(affected.Count == 0 ? "no service (no service uses these keys)" : string.Join(", ", affected))}";
        return new Plan(planId, "fix config", summary, steps);
    }

    /// <summary>
    /// A saved env file, or the project's .env as a snapshot holds it (checked against the manifest's
    /// sha256 first, so a damaged snapshot is refused before anything changes).
    /// </summary>
    private static async Task<string> SourceAsync(EnvironmentConfig env, ComposeProjectFiles files, string? from, CancellationToken ct)
    {
        var file = Path.GetFullPath(from ?? DefaultSource, files.WorkingDirectory);
        if (File.Exists(file))
        {
            return file;
        }

        var store = new SnapshotStore(env.Snapshots.Directory);
        if (from is null || !(await store.ListAsync(ct).ConfigureAwait(false)).Any(m => m.Id == from))
        {
            throw new BacktrackException($"{file} does not exist and is no snapshot; name the saved env file or a snapshot ID with --from");
        }

        var manifest = await store.LoadAsync(from, ct).ConfigureAwait(false);
        var saved = manifest.Config?.FirstOrDefault(c => c.Role == ConfigFileSnapshot.EnvRole && c.Path == files.EnvFilePath)
            ?? throw new BacktrackException($"snapshot {from} holds no copy of {files.EnvFilePath}; take a full snapshot or name a file with --from");
        var artifact = manifest.Artifact(saved.Artifact);
        await SnapshotVerifier.VerifyChecksumsAsync(store, manifest with { Artifacts = [artifact] }, null, ct).ConfigureAwait(false);
        return store.PathOf(manifest, artifact);
    }
}
