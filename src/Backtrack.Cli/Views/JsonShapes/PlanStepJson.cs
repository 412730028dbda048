namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>One step of a plan as JSON.</summary>
public sealed record PlanStepJson(int Stage, string Lane, string Action, string? Undo);
