using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>Waits until every desired task of the service runs its new spec and passes its checks, and swarm's update completed; fails the operation otherwise.</summary>
[StepKind("service.gate")]
public sealed record ServiceGateStep(int Wave, string Lane, string Name, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"wait until every task of {Name} runs the new spec and is healthy (at most {Timeout.TotalSeconds:0.#} s)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var result = await context.SwarmGate.WaitAsync(context.Environment, Lane, Name, Timeout, ct).ConfigureAwait(false);
        if (!result.Healthy)
        {
            throw new BacktrackException($"{Name} failed its gate: {result.Detail}");
        }
    }
}
