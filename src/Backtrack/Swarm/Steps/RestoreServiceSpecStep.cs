using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Puts a service back on a recorded spec (its replicas too, so a service scaled to 0 runs again), at the
/// version it has when the step runs: a full rollback scaled it meanwhile. Nothing is sent when the spec is
/// already the recorded one. Forward only: a full rollback is undone by restoring its safety snapshot.
/// </summary>
[StepKind("service.restore-spec")]
public sealed record RestoreServiceSpecStep(int Wave, string Lane, string ServiceId, string Name, [property: Sealed] SwarmServiceSpec Spec) : PlanStep(Wave, Lane)
{
    public override string Describe() => $"update service {Name} to its recorded spec ({Spec.Image}; env: {string.Join(", ", Spec.EnvNames.DefaultIfEmpty("-"))})";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var current = await context.Engine.InspectServiceAsync(ServiceId, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"service {Name} is gone; deploy the stack again");
        if (current.Spec?.Json != Spec.Json)
        {
            await context.Engine.UpdateServiceAsync(ServiceId, current.Version, Spec, ct).ConfigureAwait(false);
        }
    }
}
