using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Applies a recorded spec to a swarm service as of the version the plan read (a service changed since is
/// refused by the engine: exit 3). Swarm replaces the tasks by the spec's own update config. The undo puts
/// back the spec the service had before, at whatever version it has then.
/// </summary>
[StepKind("service.update")]
public sealed record UpdateServiceStep(
    int Wave, string Lane, string ServiceId, string Name, ulong Version, [property: Sealed] SwarmServiceSpec Spec, [property: Sealed] SwarmServiceSpec Before)
    : PlanStep(Wave, Lane)
{
    public override string Describe() =>
        $"update service {Name} (version {Version}) from {Before.Image} to {Spec.Image} (env: {Names(Spec.EnvNames)}; "
        + $"secrets: {Names(Spec.Secrets.Select(s => s.Name))}; configs: {Names(Spec.Configs.Select(c => c.Name))})";

    public override Task ApplyAsync(StepContext context, CancellationToken ct) => context.Engine.UpdateServiceAsync(ServiceId, Version, Spec, ct);

    public override string DescribeCompensation() => $"update service {Name} back to its spec before the operation ({Before.Image})";

    public override async Task CompensateAsync(StepContext context, CancellationToken ct)
    {
        var current = await context.Engine.InspectServiceAsync(ServiceId, ct).ConfigureAwait(false)
            ?? throw new BacktrackException($"service {Name} is gone; deploy the stack again");
        if (current.Spec?.Json != Before.Json)
        {
            await context.Engine.UpdateServiceAsync(ServiceId, current.Version, Before, ct).ConfigureAwait(false);
        }
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.DefaultIfEmpty("-"));
}
