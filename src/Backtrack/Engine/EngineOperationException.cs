namespace Backtrack.Engine;

/// <summary>
/// The engine answered but refused the operation (a port in use, a name taken, ...). <see cref="StatusCode"/>
/// is the engine's HTTP status when there was one: 5xx is the engine's own trouble (it may be restarting).
/// </summary>
public sealed class EngineOperationException(string engineMessage, int? statusCode = null, Exception? inner = null)
    : BacktrackException($"the engine refused: {engineMessage}", inner)
{
    public int? StatusCode { get; } = statusCode;
}
