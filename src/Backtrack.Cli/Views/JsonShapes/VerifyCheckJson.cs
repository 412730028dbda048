namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One check of the checklist as JSON.</summary>
public sealed record VerifyCheckJson(string Check, string Subject, bool Passed, string Detail);
