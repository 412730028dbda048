namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>What a page action would do: its plan (none for verify) and the plan's text.</summary>
public sealed record ActionPlanJson(string Action, string? Id, PlanJson? Plan, string Text);
