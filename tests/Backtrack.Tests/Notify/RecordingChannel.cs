using Backtrack.Notify;

namespace Backtrack.Tests.Notify;

/// <summary>A channel that keeps what it was sent, or hangs until cancelled, or refuses.</summary>
internal sealed class RecordingChannel(string name, bool hangs = false, bool refuses = false) : INotificationChannel
{
    public List<OperationNotice> Sent { get; } = [];

    public string Name => name;

    public bool Wants(OperationNotice notice) => true;

    public async Task SendAsync(OperationNotice notice, CancellationToken ct)
    {
        if (hangs)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        if (refuses)
        {
            throw new NotificationRejectedException("HTTP 500");
        }

        lock (Sent)
        {
            Sent.Add(notice);
        }
    }
}
