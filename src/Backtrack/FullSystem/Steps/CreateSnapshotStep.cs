using Backtrack.Planning;
using Backtrack.Snapshots;

namespace Backtrack.FullSystem.Steps;

/// <summary>
/// A snapshot on request: of the parts given (config, volumes, databases), or only of the databases in
/// scope. Written into a partial folder, visible once complete; publishes its manifest.
/// </summary>
[StepKind("snapshot.create")]
public sealed record CreateSnapshotStep(int Wave, string SnapshotId, SnapshotParts Parts, SnapshotScope? DatabasesOnly, string? Note) : PlanStep(Wave, "snapshot")
{
    public const string SnapshotKind = "manual";

    public override string Describe() =>
        $"snapshot {SnapshotId} of the {(DatabasesOnly is { } scope ? SnapshotCreator.Describe(scope) : Parts.ToString().ToLowerInvariant())}";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var progress = context.Find<IProgress<TransferProgress>>();
        var manifest = DatabasesOnly is { } only
            ? await new SnapshotCreator(context.Containers, context.Clock)
                .CreateAsync(context.Environment, SnapshotId, SnapshotKind, only, progress, ct).ConfigureAwait(false)
            : await new FullSnapshotCreator(context.Engine, context.Containers, context.Releases, context.Clock)
                .CreateAsync(context.Environment, SnapshotId, SnapshotKind, Parts, Note, progress, ct).ConfigureAwait(false);
        context.Publish(manifest);
    }
}
