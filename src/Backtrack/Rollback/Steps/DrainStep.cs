using System.Globalization;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>
/// In a start-first swap: the old container keeps serving beside the gated new one for a while, so a proxy
/// resolving the service's alias (DNS, its own checks) sends traffic to the new one before the old one stops.
/// </summary>
[StepKind("container.drain")]
public sealed record DrainStep(int Wave, string Lane, string Name, TimeSpan Drain) : PlanStep(Wave, Lane)
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"let {Name} serve beside its replacement for {Drain.TotalSeconds:0.###} s (drain)");

    public override Task ApplyAsync(StepContext context, CancellationToken ct) =>
        Drain > TimeSpan.Zero ? Task.Delay(Drain, context.Clock, ct) : Task.CompletedTask;
}
