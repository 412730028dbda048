using Backtrack.Planning;
using Backtrack.Releases;
using Backtrack.Rollback;

namespace Backtrack.Tests.Rollback.Backends;

/// <summary>One backend under the shared planner cases: what runs now (through a fake of its read-only engine), and what a plan does to a service.</summary>
public abstract class PlannerBackend
{
    public const string Project = "shop";

    /// <summary>What runs now: service to image.</summary>
    protected Dictionary<string, string> Running { get; } = new(StringComparer.Ordinal);

    public static PlannerBackend Named(string name) => name switch
    {
        "compose" => new ComposePlannerBackend(),
        "swarm" => new SwarmPlannerBackend(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public void Run(string service, string image) => Running[service] = image;

    /// <summary>A release row of the service at the image, as 'record' writes it on this backend.</summary>
    public abstract ServiceRelease Row(string service, string image);

    public abstract Task<Plan> PlanAsync(ReleaseStore store, RollbackRequest request);

    /// <summary>The image the plan gives the service, null when it leaves it alone.</summary>
    public abstract string? TargetImage(Plan plan, string service);

    /// <summary>The state of the service the plan was made against, which it checks before changing it (a stale plan is refused).</summary>
    public abstract string PlannedAgainst(Plan plan, string service);

    /// <summary>The state of the service the engine reports now.</summary>
    public abstract string StateNow(string service);
}
