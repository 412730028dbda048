using Backtrack.Compose;
using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>
/// docker compose up -d --no-deps for the named services: Compose recreates those whose configuration
/// changed. With OnUndoOnly, it does nothing going forward and runs when the operation is undone — placed
/// before the file change, it then runs after the file was put back.
/// </summary>
[StepKind("compose.recreate")]
public sealed record RecreateServicesStep(int Wave, ComposeProjectFiles Files, string Project, IReadOnlyList<string> Services, bool OnUndoOnly)
    : PlanStep(Wave, "config")
{
    public override string Describe() => OnUndoOnly
        ? $"(on undo only) docker compose up -d {string.Join(' ', Services)} again on the files as they were"
        : $"docker compose -p {Project} up -d --no-deps {string.Join(' ', Services)} in {Files.WorkingDirectory} (recreates what changed)";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        OnUndoOnly ? Task.CompletedTask : ComposeClient.UpAsync(Files, Project, Services, ct);

    public override string? DescribeCompensation() => OnUndoOnly ? $"docker compose up -d {string.Join(' ', Services)} on the files as they were" : null;

    public override Task CompensateAsync(StepContext context, CancellationToken ct) =>
        OnUndoOnly ? ComposeClient.UpAsync(Files, Project, Services, ct) : Task.CompletedTask;
}
