using System.Globalization;
using Backtrack.Configuration;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;

namespace Backtrack.Guard;

/// <summary>
/// The rollback a failed window starts: every service back to the release recorded before the deploy, in
/// one atomic quick rollback (the rollback-all planner), the failed deploy recorded first as a release that
/// is never a target again. The journal line and the notification say what was detected and when; its pages
/// belong to the deploy's incident (keyed by the window's ID, which guard.jsonl journals), not the operation's.
/// </summary>
public static class AutoRollback
{
    public static async Task<Plan> PlanAsync(IRollbackPlanning planner, EnvironmentConfig env, WatchWindow window, Detection detection, CancellationToken ct)
    {
        var request = new RollbackRequest([], window.Baseline.ToString(CultureInfo.InvariantCulture), ImageOnly: false, StopTimeout: null, HealthTimeout: null)
        {
            RecordBeforeAs = ReleaseOrigins.FailedWindow,
            BeforeNote = $"failed its watch window: {detection.Describe()}",
        };
        var plan = await planner.PlanAsync(env, request, ct).ConfigureAwait(false);
        return plan with { Summary = $"{Command(detection)}; {plan.Summary}", Incident = $"deploy/{window.Id}" };
    }

    /// <summary>The journal's line for the operation: the report's summary shows it.</summary>
    public static string Command(Detection detection) => $"automatic rollback after {detection.Describe()}";

    /// <summary>
    /// Runs it to the end whatever happens meanwhile (a SIGTERM lets a rollback in progress finish): no
    /// cancellation reaches it.
    /// </summary>
    public static Task<OperationOutcome> RunAsync(OperationSession session, Plan plan, Detection detection, IReadOnlyList<Execution.IExecutionObserver> observers) =>
        session.RunAsync(plan, observers, CancellationToken.None, command: Command(detection));
}
