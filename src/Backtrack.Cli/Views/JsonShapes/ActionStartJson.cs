namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A started page action: its operation, or the checklist of a verify.</summary>
public sealed record ActionStartJson(string Action, string? Operation, VerifyJson? Verification);
