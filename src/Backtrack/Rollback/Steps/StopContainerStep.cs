using Backtrack.Configuration;
using Backtrack.Health;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Stops the old container; undoing starts it again and waits until it is healthy.</summary>
[StepKind("container.stop")]
public sealed record StopContainerStep(int Wave, string Lane, string ContainerId, string Name, TimeSpan Timeout, [property: Sealed] HealthCheckSpec Check)
    : PlanStep(Wave, Lane)
{
    public override string Describe() => $"stop {Name} ({ContainerId[..12]}) within {Timeout.TotalSeconds:0.#} s";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.StopContainerAsync(ContainerId, Timeout, ct);

    public override string DescribeCompensation() => $"start {Name} ({ContainerId[..12]}) again and check it is healthy";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        await context.Engine.StartContainerAsync(ContainerId, ct).ConfigureAwait(false);
        var result = await context.HealthGate.WaitAsync(new HealthTarget(Lane, ContainerId, Check), context.Environment.HealthTimeout, ct)
            .ConfigureAwait(false);
        if (!result.Healthy)
        {
            throw new BacktrackException($"{Name} was started again but is not healthy: {result.Detail}");
        }
    }
}
