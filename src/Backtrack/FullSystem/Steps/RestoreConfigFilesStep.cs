using Backtrack.Planning;
using Backtrack.Snapshots;

namespace Backtrack.FullSystem.Steps;

/// <summary>Writes the snapshot's config files back to their paths (atomically, with their modes). Shows paths only: contents are secrets.</summary>
[StepKind("full.restore-config")]
public sealed record RestoreConfigFilesStep(int Wave, string Lane, string SnapshotId, IReadOnlyList<string> Paths) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"restore {Paths.Count} config file(s) of snapshot {SnapshotId}: {string.Join(", ", Paths)}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var store = new SnapshotStore(context.Environment.Snapshots.Directory);
        var manifest = await store.LoadAsync(SnapshotId, ct).ConfigureAwait(false);
        foreach (var file in (manifest.Config ?? []).Where(f => Paths.Contains(f.Path)))
        {
            var mode = (UnixFileMode)Convert.ToInt32(file.Mode, 8);
            var temp = file.Path + ".backtrack-" + Guid.NewGuid().ToString("N")[..8];
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await using (var output = new FileStream(temp, options))
            await using (var input = store.OpenArtifact(manifest, manifest.Artifact(file.Artifact)))
            {
                await input.CopyToAsync(output, ct).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temp, mode);
            File.Move(temp, file.Path, overwrite: true);
        }
    }
}
