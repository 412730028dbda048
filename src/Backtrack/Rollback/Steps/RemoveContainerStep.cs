using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Removes a container left over by an interrupted operation.</summary>
[StepKind("container.remove")]
public sealed record RemoveContainerStep(int Wave, string Lane, string Name) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"remove {Name}";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.RemoveContainerAsync(Name, ct);
}
