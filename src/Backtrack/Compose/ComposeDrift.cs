using Backtrack.Drift;
using Backtrack.Engine;

namespace Backtrack.Compose;

/// <summary>A service whose Compose files name another image than the one that runs, with the files a pin writes into.</summary>
public sealed record ComposeDrift(ImageDrift Drift, ComposeProjectFiles Files)
{
    public const string FileKind = "compose file";

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
            drift.AddRange(ImageDrift.Find(FileKind, lines, [(service, spec.Image)]).Select(d => new ComposeDrift(d, files)));
        }

        return drift;
    }
}
