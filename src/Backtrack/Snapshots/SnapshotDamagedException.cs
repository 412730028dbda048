namespace Backtrack.Snapshots;

/// <summary>
/// A snapshot, or a copy of one, that does not check out: a file missing, truncated or differing from its
/// sha256, an unreadable archive or listing, a dump that does not restore to its row counts. One line; the
/// commands that check snapshots (verify, copy) report it as a failed check (exit 1), not as bad input.
/// </summary>
public sealed class SnapshotDamagedException(string message) : BacktrackException(message);
