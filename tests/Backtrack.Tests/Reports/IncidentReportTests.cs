using Backtrack.Engine;
using Backtrack.Execution;
using Backtrack.Releases;
using Backtrack.Reports;
using Backtrack.Secrets;
using Backtrack.Verify;

namespace Backtrack.Tests.Reports;

public sealed class IncidentReportTests
{
    private static readonly DateTimeOffset T0 = new(2025, 11, 24, 15, 30, 0, TimeSpan.Zero);

    private static readonly OperationRecord Rollback = new(
        "20251124-153000-abcd", "rollback", "rollback service web", T0, T0.AddSeconds(9), "Succeeded", null,
        [
            Step(1, "web", "container.expect", "check web still runs 1234", 0, 0.1),
            Step(2, "release", "release.record", "record the current state as a release (state before rollback)", 0.1, 0.3),
            Step(3, "web", "container.create", "create web.bt-new from backtrack-demo/web:v1", 0.3, 0.5),
            Step(4, "web", "container.stop", "stop web (1234) within 10 s", 0.5, 0.8),
            Step(5, "web", "container.start", "start web", 0.9, 1.0),
            Step(6, "web", "health.gate", "wait until web is healthy (GET http://127.0.0.1:8080/health | 2xx)", 1.0, 1.7),
            Step(7, "release", "release.record", "record the current state as a release (after rollback)", 2, 2.2),
            Step(8, "verify", "verify", "verify: every service running", 2.2, 9) with { Outcome = "failed", Error = "logs web: token=super-secret-token" },
        ]);

    [Fact]
    public void The_markdown_report_lists_every_step_the_downtime_what_changed_and_the_fields_to_fill()
    {
        var text = Render(new MarkdownReportWriter());

        foreach (var step in Rollback.Steps)
        {
            Assert.Contains(MarkdownReportWriter.Cell(step.Description), text);
        }

        Assert.Contains("| 15:30:00 | web | check web still runs 1234 | ok | 0.1 s |", text);
        Assert.Contains("| web | 1.2 s |", text);
        Assert.Contains("| web | backtrack-demo/web:v2 (bbbbbbbbbbbb), commit 2222222 | backtrack-demo/web:v1 (aaaaaaaaaaaa), commit 1111111 |", text);
        Assert.Contains("| Services affected | web |", text);
        Assert.Contains("## Root cause", text);
        Assert.Contains("## Lessons learned", text);
        Assert.Contains("## Action items", text);
        Assert.Contains("| health | web | pass | HTTP 200 |", text);
        Assert.Contains("GET http://127.0.0.1:8080/health \\| 2xx", text);
    }

    [Fact]
    public void Secret_values_of_recorded_specs_never_reach_the_report()
    {
        var redactor = new SecretRedactor(["super-secret-token"]);

        var text = Render(new RedactingReportWriter(new MarkdownReportWriter(), redactor));

        Assert.DoesNotContain("super-secret-token", text);
        Assert.Contains("token=[redacted]", text);
    }

    [Fact]
    public void The_html_report_encodes_every_value()
    {
        var text = Render(new HtmlReportWriter());

        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        Assert.Contains("<td>wait until web is healthy (GET http://127.0.0.1:8080/health | 2xx)</td>", text);
        Assert.Contains("<h2>Root cause</h2>", text);
    }

    [Fact]
    public void Downtime_of_an_undone_swap_runs_to_the_restart_of_the_old_container()
    {
        var failed = Rollback with
        {
            Steps =
            [
                Step(1, "web", "container.stop", "stop web", 0, 0.5),
                Step(2, "web", "health.gate", "wait until web is healthy", 0.5, 2.5) with { Outcome = "failed" },
                Step(3, "web", "container.stop", "start web again", 3, 3.5) with { Phase = "compensate" },
            ],
        };

        var downtime = Assert.Single(IncidentReportBuilder.Downtime([failed]));

        Assert.Equal(TimeSpan.FromSeconds(3.5), downtime.Downtime);
        Assert.Contains("restart", downtime.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_first_swap_counts_no_downtime()
    {
        var startFirst = Rollback with
        {
            Steps =
            [
                Step(1, "web", "container.start", "start web.bt-new", 0, 0.5),
                Step(2, "web", "health.gate", "wait until web.bt-new is healthy", 0.5, 1.5),
                Step(3, "web", "container.drain", "let web serve beside its replacement for 2 s (drain)", 1.5, 3.5),
                Step(4, "web", "container.stop", "stop web", 3.5, 4),
            ],
        };

        var downtime = Assert.Single(IncidentReportBuilder.Downtime([startFirst]));

        Assert.Equal(TimeSpan.Zero, downtime.Downtime);
        Assert.StartsWith("none: start-first", downtime.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollback_that_referenced_the_newest_release_as_its_state_before_reports_that_release_as_what_ran_before()
    {
        IReadOnlyList<Release> releases =
        [
            new(8, T0.AddSeconds(2.2), "rollback", null, null, Rollback.Id, [Service("backtrack-demo/web:v1", "sha256:" + new string('a', 64))]),
            new(7, T0.AddMinutes(-30), "record", null, null, "20251124-150000-ef01", [Service("backtrack-demo/web:v2", "sha256:" + new string('b', 64))]),
        ];

        var report = IncidentReportBuilder.Build("prod", [Rollback], releases, [], new Dictionary<string, long> { [Rollback.Id] = 7 });

        var change = Assert.Single(report.Changes);
        Assert.Equal(("backtrack-demo/web:v2", "backtrack-demo/web:v1"), (change.FromImage, change.ToImage));
    }

    private static string Render(IReportWriter writer)
    {
        var verification = new VerifyReport(T0.AddSeconds(9), TimeSpan.FromMinutes(5), [new VerifyCheck("health", "web", true, "HTTP 200")]);
        var report = IncidentReportBuilder.Build("prod", [Rollback], Releases(), [new OperationVerification(Rollback.Id, verification)]);
        return IncidentReportRenderer.Render(report, writer);
    }

    private static IReadOnlyList<Release> Releases() =>
    [
        new(2, T0.AddSeconds(2.2), "rollback", null, "1111111", Rollback.Id, [Service("backtrack-demo/web:v1", "sha256:" + new string('a', 64))]),
        new(1, T0.AddSeconds(0.3), "before-rollback", null, "2222222", Rollback.Id, [Service("backtrack-demo/web:v2", "sha256:" + new string('b', 64))]),
    ];

    private static ServiceRelease Service(string image, string id) =>
        new("web", "web", image, id, true, new ContainerSpec { Image = image, HostConfigJson = "{}", Env = ["TOKEN=super-secret-token", "MODE=test"] });

    private static StepRecord Step(int seq, string lane, string kind, string text, double from, double to) =>
        new(seq, lane, kind, "apply", text, T0.AddSeconds(from), T0.AddSeconds(to), "ok", null);
}
