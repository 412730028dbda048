using System.Globalization;
using Backtrack.Rollback;
using Backtrack.Rollback.Steps;

namespace Backtrack.Guard;

/// <summary>
/// What a deploy changed while guard's rollback ran: the services whose container differs from the release
/// the rollback restored, by the rollback planner's own comparison (image and whole spec), each with its
/// container. Those are a new deploy, watched in a window of their own.
/// </summary>
public static class DeployedMeanwhile
{
    /// <returns>Container ID to service; empty when everything runs the release.</returns>
    public static async Task<Dictionary<string, string>> FindAsync(GuardKit kit, long restored, CancellationToken ct)
    {
        var request = new RollbackRequest([], restored.ToString(CultureInfo.InvariantCulture), ImageOnly: false, StopTimeout: null, HealthTimeout: null, Verify: false);
        var plan = await kit.Planner.PlanAsync(kit.Env, request, ct).ConfigureAwait(false);

        // The plan's first steps expect each service that would change: its container now.
        return plan.Steps.OfType<ExpectContainerStep>().ToDictionary(s => s.ContainerId, s => s.Lane, StringComparer.Ordinal);
    }
}
