using Backtrack.Planning;
using Backtrack.Scenarios;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// 'fix memory' on a swarm: the service's tasks get a new memory limit through a service update (swarm
/// replaces them by the service's update config). The undo sets the limit it had back (null: none).
/// </summary>
[StepKind("service.memory")]
public sealed record SetServiceMemoryStep(int Wave, string Lane, string ServiceId, string Name, long Limit, long? Before) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"update service {Name}: memory limit {BeforeText} -> {MemorySize.Format(Limit)}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.SetServiceMemoryLimitAsync(ServiceId, Limit, ct);

    public override string DescribeCompensation() => $"update service {Name}: memory limit back to {BeforeText}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => context.Engine.SetServiceMemoryLimitAsync(ServiceId, Before, ct);

    private string BeforeText => Before is { } before ? MemorySize.Format(before) : "none";
}
