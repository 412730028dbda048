using Backtrack.Execution;
using Backtrack.Releases;

namespace Backtrack.Guard;

/// <summary>
/// What guard does when a window closes: records a passed one as a release, or rolls every service back to the
/// window's release, each under the lock taken for it alone, each decision journaled.
/// </summary>
public sealed class GuardRollback(GuardKit kit, GuardDecisions decisions)
{
    public async Task PassAsync(WatchWindow window)
    {
        var note = await TryRecordAsync(ReleaseOrigins.PassedWindow, $"healthy for the whole watch window {window.Id}").ConfigureAwait(false);
        await decisions.DecideAsync(new GuardDecision(decisions.Now, GuardDecision.WindowPassed, $"every service stayed healthy; {note}", window.Id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Every service back to the window's release; runs to its end whatever arrives meanwhile (the events
    /// wait in the feed). Returns whether what runs is that release now. A held lock or a plan that cannot be
    /// made is journaled: guard never retries on its own. When the engine's own rollback (swarm's
    /// failure_action) already restored it, nothing is changed again.
    /// </summary>
    public async Task<bool> RollBackAsync(WatchWindow window, Detection detection)
    {
        await decisions.DecideAsync(new GuardDecision(decisions.Now, GuardDecision.Detected, detection.Describe(), window.Id)).ConfigureAwait(false);
        try
        {
            await kit.Source.LetEngineRollbackEndAsync(decisions.Note, CancellationToken.None).ConfigureAwait(false);
            using var session = await kit.Operations.BeginOnAnyBackendAsync("guard", dryRun: false, CancellationToken.None).ConfigureAwait(false);
            var plan = await AutoRollback.PlanAsync(kit.Planner, kit.Env, window, detection, CancellationToken.None).ConfigureAwait(false);
            if (plan.IsEmpty)
            {
                await decisions.DecideAsync(new GuardDecision(decisions.Now, GuardDecision.RolledBack,
                    $"nothing to roll back: every service already runs release {window.Baseline} again (on swarm: its own failure_action rolled back); no further automatic action until the next deploy",
                    window.Id)).ConfigureAwait(false);
                return true;
            }

            var outcome = await AutoRollback.RunAsync(session, plan, detection, []).ConfigureAwait(false);
            var report = await kit.WriteReportAsync(plan.Id, CancellationToken.None).ConfigureAwait(false);
            var succeeded = outcome.Execution.Outcome == ExecutionOutcome.Succeeded;
            await decisions.DecideAsync(new GuardDecision(decisions.Now, succeeded ? GuardDecision.RolledBack : GuardDecision.RollbackFailed,
                (succeeded ? $"every service is back on release {window.Baseline}" : $"the rollback failed ({outcome.Execution.Error}); the failed deploy still runs, look now")
                + $"; operation {plan.Id}, report {report}; no further automatic action until the next deploy", window.Id)).ConfigureAwait(false);
            return succeeded;
        }
        catch (BacktrackException e)
        {
            await decisions.DecideAsync(new GuardDecision(decisions.Now, GuardDecision.Skipped, $"not rolled back: {e.Message}", window.Id)).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<string> TryRecordAsync(string origin, string note)
    {
        try
        {
            using var session = await kit.Operations.BeginOnAnyBackendAsync("guard", dryRun: false, CancellationToken.None).ConfigureAwait(false);
            var release = await ReleaseRecording.RecordAsync(session, kit.Clock, null, origin, note, [], CancellationToken.None).ConfigureAwait(false);
            return $"recorded release {release.Id}";
        }
        catch (BacktrackException e)
        {
            return $"not recorded: {e.Message}";
        }
    }
}
