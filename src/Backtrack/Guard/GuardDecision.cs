namespace Backtrack.Guard;

/// <summary>
/// One line of the guard's journal: what it decided, when, about which window. A window's opening carries
/// all it needs to be resumed (its end, the release to go back to, its containers, the containers known before it).
/// </summary>
public sealed record GuardDecision(
    DateTimeOffset At,
    string Decision,
    string Detail,
    string? Window = null,
    DateTimeOffset? Opened = null,
    DateTimeOffset? Until = null,
    long? Baseline = null,
    IReadOnlyDictionary<string, string>? Containers = null)
{
    public const string Started = "started";
    public const string WindowOpened = "window-opened";
    public const string WindowJoined = "window-joined";
    public const string WindowPassed = "window-passed";
    public const string Detected = "failure-detected";
    public const string RolledBack = "rolled-back";
    public const string RollbackFailed = "rollback-failed";
    public const string Skipped = "skipped";
    public const string Stopped = "stopped";
    public const string Note = "note";

    /// <summary>Decisions that close a window.</summary>
    public bool Closes => Decision is WindowPassed or RolledBack or RollbackFailed or Skipped;
}
