namespace Backtrack.Engine;

public static class EngineErrors
{
    /// <summary>
    /// The engine did not answer, dropped the connection or failed inside itself (5xx), as it does while it
    /// restarts: asking again later may succeed. A refusal (4xx, a missing container) is an answer.
    /// </summary>
    public static bool IsTransient(Exception error) => error is EngineUnreachableException or EngineOperationException { StatusCode: >= 500 };
}
