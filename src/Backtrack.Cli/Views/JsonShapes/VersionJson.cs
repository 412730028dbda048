namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One rollback candidate of 'versions -o json': a recorded release's image or a local image.</summary>
public sealed record VersionJson(string Source, string Reference, string ImageId, DateTimeOffset Created, bool Running);
