namespace Backtrack.Engine;

/// <summary>The engine knows no such container (gone meanwhile: a step may treat that as done).</summary>
public sealed class ContainerNotFoundException(string engineMessage, Exception? inner = null)
    : BacktrackException($"container not found: {engineMessage}", inner);
