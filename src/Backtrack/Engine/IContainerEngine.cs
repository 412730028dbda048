namespace Backtrack.Engine;

/// <summary>
/// The door to a container engine, one small interface per resource: its read-only view
/// (<see cref="IEngineQueries"/>, swarm services and tasks included) and what changes containers, images, volumes and swarm services, runs commands in them
/// and moves files, and the engine's event stream. Docker is one implementation; engine-library types
/// never cross it.
/// </summary>
public interface IContainerEngine : IEngineQueries, IContainerOperations, IImageOperations, IExecAndArchives, IVolumeOperations, IServiceOperations, IEngineEvents, IDisposable;
