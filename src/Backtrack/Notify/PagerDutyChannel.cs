using System.Text.Json.Nodes;

namespace Backtrack.Notify;

/// <summary>
/// PagerDuty's Events API v2 for rollbacks: an incident is triggered when one starts (warning) and again when
/// it fails (critical), and resolved once it succeeded and passed its verification. One dedup key per
/// operation, or per guarded deploy for its automatic rollback, ties the events to one incident. The routing key goes in the body only, never in a message.
/// </summary>
public sealed class PagerDutyChannel(Uri url, string routingKey, HttpClient http) : INotificationChannel
{
    /// <summary>PagerDuty refuses a longer summary.</summary>
    private const int SummaryLimit = 1024;

    public string Name => "pagerduty";

    public bool Wants(OperationNotice notice) => notice.IsRollback;

    public Task SendAsync(OperationNotice notice, CancellationToken ct) => JsonPost.SendAsync(http, url, Event(notice, routingKey), ct);

    /// <summary>The incident's key: the environment and the guarded deploy (its window) the operation belongs to, else the operation.</summary>
    public static string DedupKey(OperationNotice notice) => $"backtrack/{notice.Environment}/{notice.Incident ?? notice.OperationId}";

    public static JsonObject Event(OperationNotice notice, string routingKey)
    {
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = notice.EndedWell ? "resolve" : "trigger",
            ["dedup_key"] = DedupKey(notice),
        };
        if (!notice.EndedWell)
        {
            var summary = NoticeText.Headline(notice);
            body["payload"] = new JsonObject
            {
                ["summary"] = summary.Length > SummaryLimit ? summary[..SummaryLimit] : summary,
                ["source"] = $"backtrack/{notice.Environment}",
                ["severity"] = notice.Result is null ? "warning" : "critical",
                ["component"] = notice.Environment,
                ["class"] = notice.Kind,
                ["custom_details"] = new JsonObject { ["details"] = string.Join('\n', NoticeText.Details(notice)) },
            };
        }

        return body;
    }
}
