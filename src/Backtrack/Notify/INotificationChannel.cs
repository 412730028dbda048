namespace Backtrack.Notify;

/// <summary>One way to tell people about an operation (a webhook, PagerDuty, email). A send that fails throws; the caller bounds its time.</summary>
public interface INotificationChannel
{
    /// <summary>The channel's name in warnings and the journal: webhook, pagerduty, email.</summary>
    string Name { get; }

    /// <summary>Whether this notice is for this channel at all (PagerDuty pages for rollbacks only).</summary>
    bool Wants(OperationNotice notice);

    Task SendAsync(OperationNotice notice, CancellationToken ct);
}
