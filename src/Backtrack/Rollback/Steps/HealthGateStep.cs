using Backtrack.Configuration;
using Backtrack.Health;
using Backtrack.Planning;

namespace Backtrack.Rollback.Steps;

/// <summary>Waits, polling fast, until the new container passes its check; fails the operation otherwise.</summary>
[StepKind("health.gate")]
public sealed record HealthGateStep(int Wave, string Lane, string Name, [property: Sealed] HealthCheckSpec Check, TimeSpan Timeout) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"wait until {Name} is healthy ({Check.Describe()}, at most {Timeout.TotalSeconds:0.#} s)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var result = await context.HealthGate.WaitAsync(new HealthTarget(Lane, Name, Check), Timeout, ct).ConfigureAwait(false);
        if (!result.Healthy)
        {
            throw new BacktrackException($"{Name} failed its health gate: {result.Detail}");
        }

        context.Publish(new GatePassed(Name));
    }
}
