using Backtrack.Configuration;
using Backtrack.Planning;
using Backtrack.Status;

namespace Backtrack.Compose;

/// <summary>Plans writing the running images into the Compose project, for the services whose Compose file says otherwise.</summary>
public sealed class PinPlanner(ProjectInspector inspector, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, IReadOnlyList<string> only, CancellationToken ct)
    {
        var services = (await inspector.ServicesAsync(env, ct).ConfigureAwait(false))
            .Where(s => s.Container is not null && (only.Count == 0 || only.Contains(s.Service)))
            .Select(s => (s.Service, s.Container!))
            .ToList();
        var unknown = only.Except(services.Select(s => s.Service)).ToList();
        if (unknown.Count > 0)
        {
            throw new BacktrackException($"unknown service '{unknown[0]}' in environment '{env.Name}'");
        }

        var steps = new List<PlanStep>();
        var drifted = await ComposeDrift.FindAsync(services, ct).ConfigureAwait(false);
        foreach (var drift in drifted)
        {
            var envFile = drift.Files.EnvFilePath;
            if (ComposeProjectFiles.PinVariable(drift.Line.Raw, drift.Running) is var (variable, value))
            {
                steps.Add(new PinVariableStep(
                    drift.Service, envFile, variable, value, await EnvFile.GetAsync(envFile, variable, ct).ConfigureAwait(false), drift.Running, !File.Exists(envFile)));
            }
            else
            {
                var overridePath = Path.Combine(drift.Files.WorkingDirectory, ComposeProjectFiles.OverrideFileName);
                var previous = File.Exists(overridePath) ? await File.ReadAllTextAsync(overridePath, ct).ConfigureAwait(false) : null;
                steps.Add(new PinOverrideStep(drift.Service, drift.Files, drift.Running, previous, await EnvFile.GetAsync(envFile, "COMPOSE_FILE", ct).ConfigureAwait(false)));
            }
        }

        var summary = steps.Count == 0 ? "the Compose files already name the running images" : $"pin {string.Join(", ", drifted.Select(d => d.Service))}";
        return new Plan(Plan.NewId(clock), "pin", summary, steps);
    }
}
