using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

[StepKind("container.start")]
public sealed record StartContainerStep(int Wave, string Lane, string Name, TimeSpan StopTimeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"start {Name}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.StartContainerAsync(Name, ct);

    public override string DescribeCompensation() => $"stop {Name}";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => context.Engine.StopContainerAsync(Name, StopTimeout, ct);
}
