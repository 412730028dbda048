using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Creates the new container, stopped, under a staging name, from the complete spec.</summary>
[StepKind("container.create")]
public sealed record CreateContainerStep(int Wave, string Lane, string Name, [property: Sealed] ContainerSpec Spec) : PlanStep(Wave, Lane)
{
    public override string Describe() =>
        $"create {Name} from {Spec.Image} (env: {string.Join(", ", Spec.EnvNames.DefaultIfEmpty("-"))}; networks: {string.Join(", ", Spec.Networks.Select(n => n.Network).DefaultIfEmpty("-"))})";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.CreateContainerAsync(Name, Spec, ct);

    public override string DescribeCompensation() => $"remove {Name}";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        if (await context.Engine.InspectContainerAsync(Name, ct).ConfigureAwait(false) is not null)
        {
            await context.Engine.RemoveContainerAsync(Name, ct).ConfigureAwait(false);
        }
    }
}
