namespace Backtrack.Engine;

/// <summary>The engine's event stream: what happens to containers as it happens, instead of polling.</summary>
public interface IEngineEvents
{
    /// <summary>
    /// Container events (start, die, oom, restart, ...) from <c>since</c> on, of containers carrying every
    /// one of the given labels, until cancelled.
    /// </summary>
    IAsyncEnumerable<EngineEvent> ContainerEventsAsync(IReadOnlyDictionary<string, string?> labels, DateTimeOffset? since, CancellationToken ct);
}
