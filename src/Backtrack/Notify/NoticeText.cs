using System.Globalization;
using Backtrack.Execution;
using Backtrack.Secrets;

namespace Backtrack.Notify;

/// <summary>A notice in words, every secret redacted (a message is output too): a headline and the details under it.</summary>
public static class NoticeText
{
    public static string Headline(OperationNotice notice)
    {
        if (notice.Result is not { } result)
        {
            return SecretRegistry.Redact($"Backtrack {notice.Kind} {notice.OperationId} started on {notice.Environment}");
        }

        var outcome = result.Outcome switch
        {
            ExecutionOutcome.Succeeded when notice.VerificationFailed => "succeeded but its verification failed",
            ExecutionOutcome.Succeeded => "succeeded",
            ExecutionOutcome.RolledBack => "failed; what ran before was restored",
            _ => "failed and restoring failed too; look now",
        };
        return SecretRegistry.Redact(string.Create(
            CultureInfo.InvariantCulture, $"Backtrack {notice.Kind} {result.OperationId} on {notice.Environment} {outcome} in {result.Duration.TotalSeconds:0.0} s"));
    }

    /// <summary>The summary, the failed step and its error, failed undos, the verification.</summary>
    public static IReadOnlyList<string> Details(OperationNotice notice)
    {
        var lines = new List<string>();
        if (notice.Summary is not null)
        {
            lines.Add(notice.Summary);
        }

        if (notice.Result is { } result)
        {
            if (result.FailedStep is { } failed)
            {
                lines.Add($"failed step: {failed.Describe()}: {result.Error}");
            }

            lines.AddRange(result.CompensationErrors.Select(e => $"undo failed: {e}"));
            if (notice.Verification is not null)
            {
                lines.Add(notice.Verification);
            }
        }

        return lines.Select(SecretRegistry.Redact).ToList();
    }

    /// <summary>Headline and details, one per line.</summary>
    public static string Full(OperationNotice notice) => string.Join('\n', [Headline(notice), .. Details(notice)]);
}
