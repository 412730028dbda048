using Backtrack.Configuration;
using Backtrack.Planning;

namespace Backtrack.Rollback;

/// <summary>A backend's rollback planner as guard and deploy use it: every service (or the named ones) to a release, planned read-only.</summary>
public interface IRollbackPlanning
{
    Task<Plan> PlanAsync(EnvironmentConfig env, RollbackRequest request, CancellationToken ct);
}
