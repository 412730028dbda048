namespace Backtrack;

/// <summary>An error the user can fix: bad input, bad config, unreachable engine. One line, exit code 2.</summary>
public class BacktrackException(string message, Exception? inner = null) : Exception(message, inner);
