using Backtrack.Configuration;
using Backtrack.Drift;
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
        foreach (var (drift, files) in drifted)
        {
            if (await VariableStepAsync(drift, files.EnvFilePath, ct).ConfigureAwait(false) is { } variable)
            {
                steps.Add(variable);
            }
            else
            {
                var overridePath = Path.Combine(files.WorkingDirectory, ComposeProjectFiles.OverrideFileName);
                var previous = File.Exists(overridePath) ? await File.ReadAllTextAsync(overridePath, ct).ConfigureAwait(false) : null;
                steps.Add(new PinOverrideStep(drift.Service, files, drift.Running, previous, await EnvFile.GetAsync(files.EnvFilePath, "COMPOSE_FILE", ct).ConfigureAwait(false)));
            }
        }

        var summary = steps.Count == 0 ? "the Compose files already name the running images" : $"pin {string.Join(", ", drifted.Select(d => d.Drift.Service))}";
        return new Plan(Plan.NewId(clock), "pin", summary, steps);
    }

    /// <summary>The pin of an image line of the form PREFIX${VAR}SUFFIX: VAR set in the env file; null for any other line.</summary>
    public static async Task<PinVariableStep?> VariableStepAsync(ImageDrift drift, string envFile, CancellationToken ct) =>
        ComposeProjectFiles.PinVariable(drift.Line.Raw, drift.Running) is var (variable, value)
            ? new PinVariableStep(
                drift.Service, envFile, variable, value, await EnvFile.GetAsync(envFile, variable, ct).ConfigureAwait(false), drift.Running, !File.Exists(envFile))
            : null;
}
