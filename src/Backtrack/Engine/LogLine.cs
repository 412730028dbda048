namespace Backtrack.Engine;

public enum LogSource
{
    Stdout,
    Stderr,
}

public sealed record LogLine(LogSource Source, string Text);

public sealed record LogQuery(int? Tail, DateTimeOffset? Since, bool Follow, bool Timestamps);
