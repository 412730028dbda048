namespace Backtrack.Planning;

/// <summary>The world changed between planning and execution, or another operation holds the lock.</summary>
public sealed class ConflictException(string message) : BacktrackException(message);
