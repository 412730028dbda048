namespace Backtrack.Verify;

/// <summary>The checklist's result: every check, passed only when each one passed.</summary>
public sealed record VerifyReport(DateTimeOffset At, TimeSpan Window, IReadOnlyList<VerifyCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>One result of the checklists run on several hosts: every check, its subject named HOST/SUBJECT as release rows name services.</summary>
    public static VerifyReport OnHosts(IReadOnlyList<(string Host, VerifyReport Report)> reports, TimeSpan window) =>
        new(reports.Min(r => r.Report.At), window,
            reports.SelectMany(r => r.Report.Checks.Select(c => c with { Subject = $"{r.Host}/{c.Subject}" })).ToList());

    /// <summary>The failed checks in one line, for the journal and notifications.</summary>
    public string FailureSummary() =>
        string.Join("; ", Checks.Where(c => !c.Passed).Select(c => $"{c.Check} {c.Subject}: {c.Detail}"));
}
