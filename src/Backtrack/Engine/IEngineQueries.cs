namespace Backtrack.Engine;

/// <summary>
/// The read-only view of an engine that planning gets: containers, images, volumes and swarm services as they are. Plans
/// are made from it; only steps change anything.
/// </summary>
public interface IEngineQueries : IContainerQueries, IImageQueries, IVolumeQueries, IServiceQueries
{
    /// <summary>The engine's version; throws <see cref="EngineUnreachableException"/> when it does not answer.</summary>
    Task<string> PingAsync(CancellationToken ct);
}
