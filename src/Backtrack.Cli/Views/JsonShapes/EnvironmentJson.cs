namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One environment the status page serves.</summary>
public sealed record EnvironmentJson(string Name, string Project);
