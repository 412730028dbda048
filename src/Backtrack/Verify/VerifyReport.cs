namespace Backtrack.Verify;

/// <summary>The checklist's result: every check, passed only when each one passed.</summary>
public sealed record VerifyReport(DateTimeOffset At, TimeSpan Window, IReadOnlyList<VerifyCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The failed checks in one line, for the journal and notifications.</summary>
    public string FailureSummary() =>
        string.Join("; ", Checks.Where(c => !c.Passed).Select(c => $"{c.Check} {c.Subject}: {c.Detail}"));
}
