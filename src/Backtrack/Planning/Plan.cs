namespace Backtrack.Planning;

/// <summary>
/// What an operation will do, as data: printed by --dry-run and before confirmation, then given as is to
/// the executor. The same plan is shown and run; nothing branches on dry-run.
/// </summary>
public sealed record Plan(string Id, string Kind, string Summary, IReadOnlyList<PlanStep> Steps)
{
    /// <summary>A new plan ID, which becomes the operation's ID: sortable and readable, 20261124-153012-4f2a.</summary>
    public static string NewId(TimeProvider clock) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}");

    /// <summary>The waves in order; in each, the lanes with their steps in order.</summary>
    public IEnumerable<IReadOnlyList<IReadOnlyList<PlanStep>>> Waves() =>
        Steps.GroupBy(s => s.Wave)
            .OrderBy(w => w.Key)
            .Select(w => (IReadOnlyList<IReadOnlyList<PlanStep>>)w.GroupBy(s => s.Lane).Select(l => (IReadOnlyList<PlanStep>)l.ToList()).ToList());

    public bool IsEmpty => Steps.Count == 0;

    /// <summary>
    /// The incident the plan belongs to beyond its own operation: a guarded deploy's window, so every page
    /// about that deploy (its rollback's start, failure and resolution) is one incident. Null: the operation's own.
    /// </summary>
    public string? Incident { get; init; }
}
