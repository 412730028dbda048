using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>Stops and starts a container (the same container: its spec and name stay). Nothing to undo by itself.</summary>
[StepKind("container.restart")]
public sealed record RestartContainerStep(int Wave, string Lane, string Name, TimeSpan StopTimeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"restart {Name} (stop within {StopTimeout.TotalSeconds:0.#} s, start)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        await context.Engine.StopContainerAsync(Name, StopTimeout, ct).ConfigureAwait(false);
        await context.Engine.StartContainerAsync(Name, ct).ConfigureAwait(false);
    }
}
