using Backtrack.Health;
using Backtrack.Planning;
using Backtrack.Releases;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// Records what runs now as a release, so the state before (or after) an operation can be returned to; publishes it.
/// A container that passed its health gate earlier in the operation is recorded healthy without another check.
/// </summary>
[StepKind("release.record")]
public sealed record RecordReleaseStep(int Wave, string Origin, string? Note) : PlanStep(Wave, "release")
{
    public override string Describe() => Note is null ? "record the current state as a release" : $"record the current state as a release ({Note})";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        Release release = await context.Releases.RecordAsync(
            context.Environment, Origin, Note, context.OperationId, context.Outputs<GatePassed>().Select(g => g.Container).ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        context.Publish(release);
    }
}
