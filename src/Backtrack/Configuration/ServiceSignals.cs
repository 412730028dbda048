namespace Backtrack.Configuration;

/// <summary>The signals watched on one service: its health check, its container events, its error lines per minute (null: not watched).</summary>
public sealed record ServiceSignals(bool Health, bool Events, int? ErrorLinesPerMinute);
