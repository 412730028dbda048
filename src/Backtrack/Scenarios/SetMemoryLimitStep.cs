using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>Sets a running container's memory limit through the engine; undoing sets the previous limit again.</summary>
/// <remarks>
/// The engine cannot remove a limit once set: a container that had none gets the host's memory back as its
/// limit on undo, which limits nothing. Previous: 0 means it had none.
/// </remarks>
[StepKind("container.set-memory")]
public sealed record SetMemoryLimitStep(int Wave, string Lane, string Name, string ContainerId, long Bytes, long Previous, long HostMemory)
    : PlanStep(Wave, Lane)
{
    public override string Describe() =>
        $"set the memory limit of {Name} to {MemorySize.Format(Bytes)} (now {MemorySize.Format(Previous)}) through the engine";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.SetMemoryLimitAsync(ContainerId, Bytes, ct);

    public override string DescribeCompensation() => Previous > 0
        ? $"set the memory limit of {Name} back to {MemorySize.Format(Previous)}"
        : $"set the memory limit of {Name} back to the host's {MemorySize.Format(HostMemory)} (it had none)";

    public override Task CompensateAsync(StepContext context, CancellationToken ct) =>
        context.Engine.SetMemoryLimitAsync(ContainerId, Previous > 0 ? Previous : HostMemory, ct);
}
