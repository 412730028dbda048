using Backtrack.Engine;

namespace Backtrack.Compose;

/// <summary>A service whose Compose file names another image than the one that runs: the next 'docker compose up -d' would replace it.</summary>
public sealed record ComposeDrift(string Service, ComposeProjectFiles Files, ComposeImageLine Line, string Running)
{
    public string Describe() => $"compose file says {Line.Resolved}, running {Running}; 'backtrack pin {Service}' keeps {Running}";

    /// <summary>Drift of each given service container, where its Compose files are readable on this host.</summary>
    public static Task<IReadOnlyList<ComposeDrift>> FindAsync(IEnumerable<(string Service, ContainerDetails Container)> services, CancellationToken ct) =>
        FindAsync(services.Select(s => (s.Service, s.Container.Spec)), ct);

    /// <summary>Drift of each given service's spec (a container's, or a recorded release's: no inspection needed).</summary>
    public static async Task<IReadOnlyList<ComposeDrift>> FindAsync(IEnumerable<(string Service, ContainerSpec Spec)> services, CancellationToken ct)
    {
        var drift = new List<ComposeDrift>();
        foreach (var (service, spec) in services)
        {
            if (ComposeProjectFiles.FromLabels(spec.Labels) is not { } files)
            {
                continue;
            }

            var lines = await files.ImageLinesAsync(ct).ConfigureAwait(false);
            if (lines.TryGetValue(service, out var line) && line.Resolved != spec.Image)
            {
                drift.Add(new ComposeDrift(service, files, line, spec.Image));
            }
        }

        return drift;
    }
}
