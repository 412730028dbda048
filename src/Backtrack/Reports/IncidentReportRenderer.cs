using System.Globalization;
using Backtrack.Execution;

namespace Backtrack.Reports;

/// <summary>Fills the runbook's incident report template; root cause, lessons and action items stay headed fields to fill.</summary>
public static class IncidentReportRenderer
{
    private const string ToFill = "To be filled in.";

    public static string Render(IncidentReport report, IReportWriter writer)
    {
        writer.Heading(1, $"Incident report: {report.Environment}, {Time(report.Start, "yyyy-MM-dd HH:mm")} UTC");
        Summary(report, writer);
        Timeline(report, writer);
        RolledBack(report, writer);
        Verification(report, writer);
        writer.Heading(2, "Root cause");
        writer.Placeholder(ToFill);
        writer.Heading(2, "Lessons learned");
        writer.Placeholder(ToFill);
        writer.Heading(2, "Action items");
        writer.Table(["Action", "Owner", "Due"], [[ToFill, "", ""]]);
        return writer.Finish();
    }

    private static void Summary(IncidentReport report, IReportWriter writer)
    {
        writer.Heading(2, "Summary");
        writer.Table(
            ["", ""],
            [
                ["Start", Time(report.Start, "yyyy-MM-dd HH:mm:ss") + " UTC"],
                ["End", report.End is { } end ? Time(end, "yyyy-MM-dd HH:mm:ss") + " UTC" : "unfinished"],
                ["Duration", report.End is { } e ? Span(e - report.Start) : "-"],
                ["Services affected", report.ServicesAffected.Count == 0 ? "none" : string.Join(", ", report.ServicesAffected)],
                .. report.Operations.Select(o => (IReadOnlyList<string>)[$"Operation {o.Id}", $"{o.Command}: {o.Outcome ?? "unfinished"}{(o.Error is null ? "" : $" ({o.Error})")}"]),
            ]);
        writer.Heading(3, "Downtime per service");
        if (report.Downtime.Count == 0)
        {
            writer.Paragraph("No service was stopped.");
            return;
        }

        writer.Table(["Service", "Downtime", "Measured"], report.Downtime.Select(d => (IReadOnlyList<string>)[d.Service, d.Downtime is { } t ? Span(t) : "unknown", d.Measured]));
    }

    private static void Timeline(IncidentReport report, IReportWriter writer)
    {
        writer.Heading(2, "Timeline (UTC)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var operation in report.Operations)
        {
            rows.Add([Time(operation.Started, "HH:mm:ss"), "", $"operation {operation.Id} started: {operation.Command}", "", ""]);
            rows.AddRange(operation.Steps.OrderBy(s => s.Sequence).Select(Row));
            if (operation.Ended is { } ended)
            {
                rows.Add([Time(ended, "HH:mm:ss"), "", $"operation {operation.Id} ended", operation.Outcome ?? "", Span(ended - operation.Started)]);
            }
        }

        writer.Table(["Time", "Service", "Step", "Outcome", "Took"], rows);
    }

    private static IReadOnlyList<string> Row(StepRecord step) =>
    [
        Time(step.Started, "HH:mm:ss"),
        step.Lane,
        (step.Phase == "compensate" ? "undo: " : "") + step.Description,
        (step.Outcome ?? "unfinished") + (step.Error is null ? "" : $": {step.Error}"),
        step.Ended is { } ended ? Span(ended - step.Started) : "-",
    ];

    private static void RolledBack(IncidentReport report, IReportWriter writer)
    {
        writer.Heading(2, "What was rolled back");
        if (report.Changes.Count == 0)
        {
            writer.Paragraph("No service changed image (the journal holds no release recorded before and after a swap).");
        }
        else
        {
            writer.Table(
                ["Service", "From", "To"],
                report.Changes.Select(c => (IReadOnlyList<string>)
                [
                    c.Service,
                    Image(c.FromImage, c.FromImageId, c.FromCommit),
                    c.ToImage is null ? "unchanged (the operation did not finish)" : Image(c.ToImage, c.ToImageId!, c.ToCommit),
                ]));
        }

        writer.Paragraph(report.Snapshots.Count == 0 ? "Snapshots: none taken." : "Snapshots: " + string.Join("; ", report.Snapshots));
    }

    private static void Verification(IncidentReport report, IReportWriter writer)
    {
        writer.Heading(2, "Verification");
        if (report.Verifications.Count == 0)
        {
            writer.Paragraph("No verification was journaled.");
            return;
        }

        foreach (var (operationId, verify) in report.Verifications)
        {
            writer.Paragraph($"Operation {operationId}, {Time(verify.At, "HH:mm:ss")} UTC: {(verify.Passed ? "passed" : "FAILED")}");
            writer.Table(["Check", "Subject", "Result", "Detail"], verify.Checks.Select(c => (IReadOnlyList<string>)[c.Check, c.Subject, c.Passed ? "pass" : "FAIL", c.Detail]));
        }
    }

    private static string Image(string image, string imageId, string? commit) =>
        $"{image} ({imageId.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, imageId.Replace("sha256:", "", StringComparison.Ordinal).Length)]})"
        + (commit is null ? "" : $", commit {commit[..Math.Min(12, commit.Length)]}");

    private static string Time(DateTimeOffset at, string format) => at.ToUniversalTime().ToString(format, CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s");
}
