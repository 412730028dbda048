namespace Backtrack.Engine;

public sealed class EngineUnreachableException(string endpoint, string reason, Exception? inner = null)
    : BacktrackException($"cannot reach the Docker engine at {endpoint}: {reason}", inner);
