using System.Text.Json.Serialization;
using Backtrack.Planning;

namespace Backtrack.Hosts;

/// <summary>
/// A step of one host's plan inside a multi-host plan: the inner step runs, and is undone, against that
/// host's engine, project and gate. Its parameters name the host, so that repair reaches the same engine.
/// </summary>
[StepKind("host.step")]
public sealed record OnHostStep(int Wave, string Lane, HostTarget Host, PlanStep Inner) : PlanStep(Wave, Lane)
{
    [JsonIgnore]
    public override bool BestEffort => Inner.BestEffort;

    [JsonIgnore]
    public override bool PointOfNoReturn => Inner.PointOfNoReturn;

    // The lane (HOST/SERVICE) names the host wherever a step is shown.
    public override string Describe() => Inner.Describe();

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Inner.ApplyAsync(context.OnHost(Host), ct);

    public override string? DescribeCompensation() => Inner.DescribeCompensation();

    public override Task CompensateAsync(StepContext context, CancellationToken ct) => Inner.CompensateAsync(context.OnHost(Host), ct);
}
