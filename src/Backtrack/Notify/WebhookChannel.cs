using System.Text.Json.Nodes;
using Backtrack.Execution;

namespace Backtrack.Notify;

/// <summary>A Slack-compatible webhook: <c>{"text": ...}</c> when any operation starts and when it ends.</summary>
public sealed class WebhookChannel(Uri url, HttpClient http) : INotificationChannel
{
    public string Name => "webhook";

    public bool Wants(OperationNotice notice) => true;

    public Task SendAsync(OperationNotice notice, CancellationToken ct) => JsonPost.SendAsync(http, url, new JsonObject { ["text"] = Message(notice) }, ct);

    /// <summary>The headline with Slack's icon for it, then the details.</summary>
    public static string Message(OperationNotice notice)
    {
        var icon = notice.Result switch
        {
            null => ":rewind:",
            _ when notice.EndedWell => ":white_check_mark:",
            { Outcome: ExecutionOutcome.CompensationFailed } => ":rotating_light:",
            _ => ":x:",
        };
        return $"{icon} {NoticeText.Full(notice)}";
    }
}
