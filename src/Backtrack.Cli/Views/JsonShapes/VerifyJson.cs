namespace Backtrack.Cli.Views.JsonShapes;

/// <summary>The checklist as JSON (verify -o json, the page's verification).</summary>
public sealed record VerifyJson(bool Passed, DateTimeOffset At, double WindowSeconds, IReadOnlyList<VerifyCheckJson> Checks);
