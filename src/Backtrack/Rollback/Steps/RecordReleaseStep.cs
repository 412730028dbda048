using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Records what runs now as a release, so the state before (or after) an operation can be returned to.</summary>
public sealed record RecordReleaseStep(int Wave, string Origin, string Note) : PlanStep(Wave, "release")
{
    public override string Describe() => $"record the current state as a release ({Note})";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        context.Releases.RecordAsync(context.Environment, Origin, Note, context.OperationId, ct);
}
