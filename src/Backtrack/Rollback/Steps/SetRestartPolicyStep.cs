using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// Sets a container's restart policy; undoing sets the one it had. Plans hold "always" off a container
/// stopped for long ("always" starts a container stopped by hand when the daemon starts) and give it back.
/// </summary>
[StepKind("container.set-restart-policy")]
public sealed record SetRestartPolicyStep(
    int Wave, string Lane, string ContainerId, string Name, string PolicyName, long MaximumRetryCount, string UndoPolicyName, long UndoMaximumRetryCount)
    : PlanStep(Wave, Lane)
{
    /// <summary>The pair around a stop: "no" before it, the container's own policy after its start.</summary>
    public static (SetRestartPolicyStep Hold, SetRestartPolicyStep Restore) Around(int holdWave, int restoreWave, string lane, ContainerDetails container)
    {
        var own = container.RestartPolicy;
        var no = RestartPolicy.No;
        return (new(holdWave, lane, container.Id, container.Name, no.Name, no.MaximumRetryCount, own.Name, own.MaximumRetryCount),
            new(restoreWave, lane, container.Id, container.Name, own.Name, own.MaximumRetryCount, no.Name, no.MaximumRetryCount));
    }

    public override string Describe() => $"set the restart policy of {Name} to {Policy}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.SetRestartPolicyAsync(ContainerId, Policy, ct);

    public override string DescribeCompensation() => $"set the restart policy of {Name} back to {UndoPolicy}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => context.Engine.SetRestartPolicyAsync(ContainerId, UndoPolicy, ct);

    private RestartPolicy Policy => RestartPolicy.Of(PolicyName, MaximumRetryCount);

    private RestartPolicy UndoPolicy => RestartPolicy.Of(UndoPolicyName, UndoMaximumRetryCount);
}
