using Backtrack.Compose;
using Backtrack.Configuration;

namespace Backtrack.Swarm;

/// <summary>
/// What 'backtrack deploy' runs on a swarm environment when no command is given: 'docker stack deploy -c
/// STACKFILE STACK', with the env file's variables (as drift reads them) for the file's ${VARS}.
/// </summary>
public static class StackDeployCommand
{
    public static IReadOnlyList<string> Arguments(EnvironmentConfig env) =>
        env.StackFile is { } stack
            ? ["docker", "stack", "deploy", "--detach=true", "-c", stack.Path, env.Project]
            : throw new BacktrackException(
                $"environment '{env.Name}' has no 'stackFile:' to deploy: add 'stackFile: path/to/stack.yml' (the file 'docker stack deploy -c' reads) to it in backtrack.yml, or give the deploy command after '--'");

    /// <summary>The env file's variables, and the environment's engine for the docker CLI when one is configured.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(EnvironmentConfig env, CancellationToken ct)
    {
        var variables = env.StackFile is { } stack
            ? new Dictionary<string, string>(await ComposeProjectFiles.ReadEnvFileAsync(stack.EnvFile, ct).ConfigureAwait(false), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (env.Engine is { } engine)
        {
            variables["DOCKER_HOST"] = engine;
        }

        return variables;
    }
}
