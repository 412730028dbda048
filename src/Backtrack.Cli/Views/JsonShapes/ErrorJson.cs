namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A refused or failed request of the status page, in one line.</summary>
public sealed record ErrorJson(string Error);
