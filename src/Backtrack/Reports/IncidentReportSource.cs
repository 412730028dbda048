using Backtrack.Execution;
using Backtrack.Releases;
using Backtrack.Secrets;
using Backtrack.Verify;

namespace Backtrack.Reports;

/// <summary>Reads what a report needs from the state database (the release store teaches the secrets of every recorded spec) and renders it, secrets redacted.</summary>
public sealed class IncidentReportSource(JournalReader journal, ReleaseStore releases, VerificationStore verifications)
{
    private const int Depth = 1000;

    /// <summary>One operation; the operations since a time; or, with neither, the latest rollback (else the latest operation).</summary>
    public async Task<string> RenderAsync(string environment, string? operationId, DateTimeOffset? since, string format, CancellationToken ct)
    {
        var all = await journal.ListAsync(Depth, ct).ConfigureAwait(false);
        IReadOnlyList<OperationRecord> chosen = operationId is not null
            ? all.Where(o => o.Id == operationId).ToList() is { Count: > 0 } one
                ? one
                : throw new BacktrackException($"no operation {operationId} in the journal; 'backtrack history' lists them")
            : since is { } from
                ? all.Where(o => o.Started >= from).ToList()
                : Latest(all);
        var history = await releases.ListAsync(Depth, ct).ConfigureAwait(false);
        var verified = new List<OperationVerification>();
        var reusedBefore = new Dictionary<string, long>();
        foreach (var operation in chosen)
        {
            if (await verifications.ForOperationAsync(operation.Id, ct).ConfigureAwait(false) is { } report)
            {
                verified.Add(new OperationVerification(operation.Id, report));
            }

            if (operation.Steps.Any(s => s.Kind == "release.reuse")
                && (await journal.PlanAsync(operation.Id, ct).ConfigureAwait(false)).Select(j => j.Step).OfType<ReuseReleaseStep>().FirstOrDefault() is { } reuse)
            {
                reusedBefore[operation.Id] = reuse.ReleaseId;
            }
        }

        var incident = IncidentReportBuilder.Build(environment, chosen, history, verified, reusedBefore);
        IReportWriter writer = format switch
        {
            "md" => new MarkdownReportWriter(),
            "html" => new HtmlReportWriter(),
            _ => throw new BacktrackException($"--format must be 'md' or 'html', not '{format}'"),
        };
        return IncidentReportRenderer.Render(incident, new RedactingReportWriter(writer, SecretRegistry.Current));
    }

    private static IReadOnlyList<OperationRecord> Latest(IReadOnlyList<OperationRecord> newestFirst) =>
        newestFirst.FirstOrDefault(o => o.Kind == "rollback") is { } rollback ? [rollback] : newestFirst.Count > 0 ? [newestFirst[0]] : [];
}
