namespace Backtrack.Snapshots;

/// <summary>
/// Which snapshots 'snapshot prune' removes: beyond the newest <c>keep</c> and older than <c>keepDays</c>
/// (when given); never every snapshot, the newest verified one or a safety snapshot younger than a day.
/// (No snapshot is in use by an unfinished operation here: the operation service refuses to start a prune
/// while one needs a repair.)
/// </summary>
public static class SnapshotRetention
{
    private const int MaximumKeepDays = 36500;

    private static readonly TimeSpan SafetyGrace = TimeSpan.FromDays(1);

    /// <param name="snapshots">Complete snapshots, newest first.</param>
    public static IReadOnlyList<SnapshotManifest> Removable(
        IReadOnlyList<SnapshotManifest> snapshots, Func<string, bool> verified, int keep, int? keepDays, DateTimeOffset now)
    {
        if (keep < 1)
        {
            throw new BacktrackException("--keep must be at least 1: prune never removes every snapshot");
        }

        // A negative age would make every snapshot old enough; a huge one would overflow.
        if (keepDays is < 0 or > MaximumKeepDays)
        {
            throw new BacktrackException($"--keep-days must be 0 to {MaximumKeepDays}, not {keepDays}");
        }

        var newestVerified = snapshots.FirstOrDefault(s => verified(s.Id))?.Id;
        return snapshots
            .Skip(keep)
            .Where(s => keepDays is not { } days || s.CreatedAt < now - TimeSpan.FromDays(days))
            .Where(s => s.Id != newestVerified)
            .Where(s => !(s.Kind == "safety" && s.CreatedAt > now - SafetyGrace))
            .ToList();
    }
}
