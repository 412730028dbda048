using Backtrack.Planning;

namespace Backtrack.Releases;

/// <summary>
/// The record of the state before a rollback when the newest release already records what runs (the planner has
/// just inspected it): nothing new is recorded; the operation's journal names that release, the step publishes it,
/// and the incident report reads it as the operation's state before.
/// </summary>
[StepKind("release.reuse")]
public sealed record ReuseReleaseStep(int Wave, long ReleaseId) : PlanStep(Wave, "release")
{
    public override string Describe() => $"the current state is release {ReleaseId} already: reference it, record nothing new";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var release = await context.Releases.Store.GetAsync(ReleaseId, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"release {ReleaseId} is no longer in the state database; run the rollback again (nothing was changed)");
        context.Publish(release);
    }
}
