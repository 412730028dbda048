namespace Backtrack.Engine;

public sealed record ImageDetails(string Id, IReadOnlyList<string> Tags, DateTimeOffset Created, IReadOnlyList<string> HealthTest);
