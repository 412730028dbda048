using Backtrack.Engine;

namespace Backtrack.Drift;

/// <summary>
/// A service whose deploy file (Compose or stack file) names another image than the one that runs: the next
/// 'docker compose up -d' or 'docker stack deploy' would replace it. The same for every backend.
/// </summary>
/// <param name="FileKind">What the file is to the operator: "compose file", "stack file".</param>
public sealed record ImageDrift(string Service, string FileKind, ImageLine Line, string Running)
{
    public string Describe() => $"{FileKind} says {Line.Resolved}, running {Running}; 'backtrack pin {Service}' keeps {Running}";

    /// <summary>The drift of each running service whose file has an image line naming another image.</summary>
    public static IReadOnlyList<ImageDrift> Find(
        string fileKind, IReadOnlyDictionary<string, ImageLine> lines, IEnumerable<(string Service, string Running)> services) =>
        services
            .Where(s => lines.TryGetValue(s.Service, out var line) && !ImageReference.Parse(line.Resolved).SameImageAs(ImageReference.Parse(s.Running)))
            .Select(s => new ImageDrift(s.Service, fileKind, lines[s.Service], s.Running))
            .ToList();
}
