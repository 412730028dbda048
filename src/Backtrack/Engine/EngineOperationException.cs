namespace Backtrack.Engine;

/// <summary>The engine answered but refused the operation (a port in use, a name taken, ...).</summary>
public sealed class EngineOperationException(string engineMessage, Exception? inner = null)
    : BacktrackException($"the engine refused: {engineMessage}", inner);
