namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>The page's session: its CSRF token and whether actions are allowed.</summary>
public sealed record SessionJson(string Csrf, bool Actions);
