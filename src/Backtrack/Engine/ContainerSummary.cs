namespace Backtrack.Engine;

public sealed record ContainerSummary(
    string Id,
    string Name,
    string Image,
    string ImageId,
    string State,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Labels);
