using System.Globalization;
using Backtrack.Configuration;
using Backtrack.Snapshots;

namespace Backtrack.FullSystem;

/// <summary>What --to names: a snapshot ID, or a time (ISO 8601, or a duration meaning that long ago) whose newest complete full snapshot at or before it is taken.</summary>
public static class SnapshotTarget
{
    public static async Task<SnapshotManifest> ResolveAsync(ISnapshotStorage store, string to, TimeProvider clock, CancellationToken ct)
    {
        var snapshots = await store.ListAsync(ct).ConfigureAwait(false);
        if (snapshots.FirstOrDefault(s => s.Id == to) is { } byId)
        {
            return byId;
        }

        DateTimeOffset at;
        if (Durations.IsDuration(to))
        {
            at = clock.GetUtcNow() - Durations.Parse(to, "--to", Durations.LookBackMaximum);
        }
        else if (!DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            throw new BacktrackException($"--to: no snapshot '{to}' and not a time (2026-01-31T14:00Z, or a duration such as 2h); 'backtrack snapshot list' lists them");
        }

        return snapshots.Where(s => s.IsFull && s.CreatedAt <= at).MaxBy(s => s.CreatedAt)
            ?? throw new BacktrackException($"--to: no full snapshot was taken at or before {at:yyyy-MM-dd HH:mm:ss} UTC");
    }
}
