namespace Backtrack.Guard;

/// <summary>
/// An open watch window: since when, until when, the release to go back to, and the new containers it
/// watches (ID to service). A deploy of several services in a row is one window: each new container joins
/// it and moves its end.
/// </summary>
public sealed class WatchWindow(string id, DateTimeOffset opened, DateTimeOffset until, long baseline, IReadOnlyDictionary<string, string> containers)
{
    private readonly Dictionary<string, string> containers = new(containers, StringComparer.Ordinal);

    public string Id { get; } = id;

    public DateTimeOffset Opened { get; } = opened;

    public DateTimeOffset Until { get; private set; } = until;

    /// <summary>The release recorded before the deploy: where a failure goes back to.</summary>
    public long Baseline { get; } = baseline;

    public IReadOnlyDictionary<string, string> Containers => containers;

    /// <summary>Grows with every container that joins, so a watcher knows to take up its signals.</summary>
    public int Version { get; private set; }

    public void Join(string containerId, string service, DateTimeOffset until)
    {
        containers[containerId] = service;
        Until = until > Until ? until : Until;
        Version++;
    }
}
