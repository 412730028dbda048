using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Planning;
using Backtrack.Swarm.Steps;

namespace Backtrack.Swarm;

/// <summary>
/// Plans writing the running images into a swarm stack's files, for the services whose stack file says
/// otherwise: the env file's variable when the image line is PREFIX${VAR}SUFFIX (Compose's pin step), else
/// the stack file's image line itself. Planning reads only.
/// </summary>
public sealed class StackPinPlanner(StackInspector inspector, TimeProvider clock)
{
    public async Task<Plan> PlanAsync(EnvironmentConfig env, IReadOnlyList<string> only, CancellationToken ct)
    {
        var files = StackDrift.Files(env) ?? throw new BacktrackException(
            $"pin needs the stack file of environment '{env.Name}': add 'stackFile: path/to/stack.yml' (the file 'docker stack deploy -c' reads) to it in backtrack.yml; nothing was changed");
        var deployed = (await inspector.ServicesAsync(env, ct).ConfigureAwait(false)).Where(s => s.Details is not null).ToList();
        var unknown = only.Except(deployed.Select(s => s.Service)).ToList();
        if (unknown.Count > 0)
        {
            throw new BacktrackException($"stack '{env.Project}' has no deployed service '{unknown[0]}'; deployed: {string.Join(", ", deployed.Select(s => s.Service))}");
        }

        var drifted = await StackDrift.FindAsync(env, deployed.Where(s => only.Count == 0 || only.Contains(s.Service)), ct).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        foreach (var drift in drifted)
        {
            steps.Add(await PinPlanner.VariableStepAsync(drift, files.EnvFilePath, ct).ConfigureAwait(false)
                ?? (PlanStep)new PinStackImageStep(drift.Service, drift.Line.FilePath, drift.Running, drift.Line.Raw));
        }

        var summary = steps.Count == 0 ? "the stack file already names the running images" : $"pin {string.Join(", ", drifted.Select(d => d.Service))}";
        return new Plan(Plan.NewId(clock), "pin", summary, steps);
    }
}
