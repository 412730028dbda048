namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>A plan: its kind, summary and every step with its undo (plan -o json, the page's action plan).</summary>
public sealed record PlanJson(string Kind, string Summary, IReadOnlyList<PlanStepJson> Steps);
