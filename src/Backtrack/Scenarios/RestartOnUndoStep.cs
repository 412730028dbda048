using Backtrack.Configuration;
using Backtrack.Health;
using Backtrack.Planning;

namespace Backtrack.Scenarios;

/// <summary>
/// Does nothing going forward. It comes before the change it guards, so when the operation is undone it
/// runs after that change was undone: it restarts the container on what was there before and checks it.
/// </summary>
[StepKind("container.restart-on-undo")]
public sealed record RestartOnUndoStep(int Wave, string Lane, string Name, [property: Sealed] HealthCheckSpec Check, TimeSpan StopTimeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"(on undo only) restart {Name} and check it is healthy";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;

    public override string DescribeCompensation() => $"restart {Name} on what it had before and check it is healthy";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        await context.Engine.StopContainerAsync(Name, StopTimeout, ct).ConfigureAwait(false);
        await context.Engine.StartContainerAsync(Name, ct).ConfigureAwait(false);
        var result = await context.HealthGate.WaitAsync(new HealthTarget(Lane, Name, Check), context.Environment.HealthTimeout, ct).ConfigureAwait(false);
        if (!result.Healthy)
        {
            throw new BacktrackException($"{Name} was restarted but is not healthy: {result.Detail}");
        }
    }
}
