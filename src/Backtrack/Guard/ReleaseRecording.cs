using Backtrack.Execution;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback.Steps;

namespace Backtrack.Guard;

/// <summary>Records what runs now as a release through a session (journaled, notified), after a snapshot step when given (its description goes into the note).</summary>
public static class ReleaseRecording
{
    public static async Task<Release> RecordAsync(
        OperationSession session, TimeProvider clock, PlanStep? snapshot, string origin, string note, IReadOnlyList<IExecutionObserver> observers, CancellationToken ct)
    {
        var steps = snapshot is null ? new List<PlanStep>() : [snapshot];
        steps.Add(new RecordReleaseStep(steps.Count, origin, snapshot is null ? note : $"{note}; {snapshot.Describe()}"));
        var outcome = await session.RunAsync(new Plan(Plan.NewId(clock), "record", $"record the state ({note})", steps), observers, ct).ConfigureAwait(false);
        return outcome.Outputs.OfType<Release>().FirstOrDefault()
            ?? throw new BacktrackException($"could not record the state ({note}): {outcome.Execution.Error}");
    }
}
