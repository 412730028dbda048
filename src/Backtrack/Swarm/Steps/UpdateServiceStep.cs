using Backtrack.Engine;
using Backtrack.Planning;

namespace Backtrack.Swarm.Steps;

/// <summary>
/// Applies a recorded spec to a swarm service as of the version the plan read (a service changed since is
/// refused by the engine: exit 3). Swarm bumps the version itself when it records an update's progress,
/// so a refusal is retried at the new version while the service's spec is still the one the plan saw.
/// Swarm replaces the tasks by the spec's own update config. The undo puts back the spec the service had
/// before, at whatever version it has then.
/// </summary>
[StepKind("service.update")]
public sealed record UpdateServiceStep(
    int Wave, string Lane, string ServiceId, string Name, ulong Version, [property: Sealed] SwarmServiceSpec Spec, [property: Sealed] SwarmServiceSpec Before)
    : PlanStep(Wave, Lane)
{
    public override string Describe() =>
        $"update service {Name} (version {Version}) from {Before.Image} to {Spec.Image} (env: {Names(Spec.EnvNames)}; "
        + $"secrets: {Names(Spec.Secrets.Select(s => s.Name))}; configs: {Names(Spec.Configs.Select(c => c.Name))})";

    private const int Attempts = 3;

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var version = Version;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Engine.UpdateServiceAsync(ServiceId, version, Spec, ct).ConfigureAwait(false);
                return;
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                var now = await context.Engine.InspectServiceAsync(ServiceId, ct).ConfigureAwait(false);
                if (now?.Spec?.Json != Before.Json)
                {
                    throw;
                }

                version = now.Version;
            }
        }
    }

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
