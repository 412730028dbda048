using Backtrack.Health;
using Backtrack.Planning;
using Backtrack.Status;

namespace Backtrack.Rollback.Steps;

/// <summary>After a redeploy: every service of the environment (or the named ones) must run and pass its check, concurrently.</summary>
[StepKind("health.gate-services")]
public sealed record GateServicesStep(int Wave, IReadOnlyList<string> Only, TimeSpan Timeout) : PlanStep(Wave, "health")
{
    public override string Describe() =>
        $"wait until {(Only.Count == 0 ? "every service" : string.Join(", ", Only))} runs and is healthy (at most {Timeout.TotalSeconds:0.#} s)";

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        var services = (await new ProjectInspector(context.Engine).ServicesAsync(context.Environment, ct).ConfigureAwait(false))
            .Where(s => Only.Count == 0 || Only.Contains(s.Service))
            .ToList();
        var missing = Only.Except(services.Select(s => s.Service)).Concat(services.Where(s => s.Container is null).Select(s => s.Service)).ToList();
        if (missing.Count > 0)
        {
            throw new BacktrackException($"no container runs {string.Join(", ", missing)}");
        }

        var results = await Task.WhenAll(services.Select(async s =>
        {
            var check = context.Environment.ServiceOrDefault(s.Service).Health;
            var result = await context.HealthGate.WaitAsync(new HealthTarget(s.Service, s.Container!.Id, check), Timeout, ct).ConfigureAwait(false);
            return (s.Service, result);
        })).ConfigureAwait(false);
        var failed = results.Where(r => !r.result.Healthy).ToList();
        if (failed.Count > 0)
        {
            throw new BacktrackException(string.Join("; ", failed.Select(f => $"{f.Service} failed its health gate: {f.result.Detail}")));
        }

        foreach (var service in services)
        {
            context.Publish(new GatePassed(service.Container!.Name));
        }
    }
}
