namespace Backtrack.Planning;

/// <summary>
/// What an operation will do, as data: printed by --dry-run and before confirmation, then given as is to
/// the executor. The same plan is shown and run; nothing branches on dry-run.
/// </summary>
public sealed record Plan(string Kind, string Summary, IReadOnlyList<PlanStep> Steps)
{
    /// <summary>The waves in order; in each, the lanes with their steps in order.</summary>
    public IEnumerable<IReadOnlyList<IReadOnlyList<PlanStep>>> Waves() =>
        Steps.GroupBy(s => s.Wave)
            .OrderBy(w => w.Key)
            .Select(w => (IReadOnlyList<IReadOnlyList<PlanStep>>)w.GroupBy(s => s.Lane).Select(l => (IReadOnlyList<PlanStep>)l.ToList()).ToList());

    public bool IsEmpty => Steps.Count == 0;
}
