using Backtrack.Compose;
using Backtrack.Configuration;
using Backtrack.Drift;

namespace Backtrack.Swarm;

/// <summary>
/// Drift of a swarm stack: the configured stack file, its ${VARS} resolved from the env file, against the
/// images the services run. Swarm records no stack file, so without 'stackFile:' drift is unknown.
/// </summary>
public static class StackDrift
{
    public const string FileKind = "stack file";

    /// <summary>What status says when no stack file is configured.</summary>
    public static string Unknown(EnvironmentConfig env) =>
        $"drift unknown: add 'stackFile: path/to/stack.yml' (the file 'docker stack deploy -c' reads) to environment '{env.Name}' in backtrack.yml";

    /// <summary>The stack file, read as the Compose-format file it is, or null when none is configured.</summary>
    public static ComposeProjectFiles? Files(EnvironmentConfig env) =>
        env.StackFile is { } stack ? new ComposeProjectFiles(Path.GetDirectoryName(stack.Path)!, [stack.Path], stack.EnvFile) : null;

    /// <summary>The drift of each deployed service; none when no stack file is configured.</summary>
    public static async Task<IReadOnlyList<ImageDrift>> FindAsync(EnvironmentConfig env, IEnumerable<StackService> services, CancellationToken ct)
    {
        if (Files(env) is not { } files)
        {
            return [];
        }

        var lines = await files.ImageLinesAsync(ct).ConfigureAwait(false);
        return ImageDrift.Find(FileKind, lines, services.Where(s => s.Details is not null).Select(s => (s.Service, s.Details!.Image)));
    }
}
