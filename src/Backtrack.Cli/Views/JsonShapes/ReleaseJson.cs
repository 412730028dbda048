namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A release as JSON (releases -o json, record -o json, the page): images and env variable names, never env values.</summary>
public sealed record ReleaseJson(long Id, bool Current, DateTimeOffset Created, string Origin, string? Note, string? GitCommit, string? Operation, IReadOnlyList<ReleaseServiceJson> Services);
