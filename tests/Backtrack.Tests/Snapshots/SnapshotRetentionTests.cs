using Backtrack.Snapshots;

namespace Backtrack.Tests.Snapshots;

public sealed class SnapshotRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Beyond_keep_go_except_the_newest_verified_and_a_recent_safety_one()
    {
        // Newest first.
        IReadOnlyList<SnapshotManifest> snapshots =
        [
            Snapshot("s6", "manual", 0.1), Snapshot("s5", "safety", 0.5), Snapshot("s4", "manual", 2), Snapshot("s3", "safety", 3),
            Snapshot("s2", "manual", 4), Snapshot("s1", "manual", 5), Snapshot("s0", "manual", 6),
        ];

        var removable = SnapshotRetention.Removable(snapshots, id => id is "s2" or "s0", 1, null, Now);

        Assert.Equal(["s4", "s3", "s1", "s0"], removable.Select(s => s.Id));
    }

    [Fact]
    public void Keep_days_keeps_younger_ones_and_keep_zero_is_refused()
    {
        IReadOnlyList<SnapshotManifest> snapshots = [Snapshot("b", "manual", 1), Snapshot("a", "manual", 10)];

        Assert.Equal(["a"], SnapshotRetention.Removable(snapshots, _ => false, 1, 3, Now).Select(s => s.Id));
        Assert.Empty(SnapshotRetention.Removable(snapshots, _ => false, 1, 30, Now));
        Assert.Throws<BacktrackException>(() => SnapshotRetention.Removable(snapshots, _ => false, 0, null, Now));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(36501)]
    [InlineData(int.MaxValue)]
    public void Keep_days_below_zero_or_beyond_a_century_is_refused_rather_than_pruning_everything_or_overflowing(int keepDays)
    {
        IReadOnlyList<SnapshotManifest> snapshots = [Snapshot("b", "manual", 1), Snapshot("a", "manual", 10)];

        var error = Assert.Throws<BacktrackException>(() => SnapshotRetention.Removable(snapshots, _ => false, 1, keepDays, Now));

        Assert.Equal($"--keep-days must be 0 to 36500, not {keepDays}", error.Message);
    }

    [Fact]
    public async Task A_manifest_written_before_full_snapshots_still_loads_without_their_sections()
    {
        var directory = Directory.CreateTempSubdirectory("backtrack-manifest-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "20261124-100000-abcd"));
            await File.WriteAllTextAsync(Path.Combine(directory, "20261124-100000-abcd", SnapshotStore.ManifestFile), """
                { "format": 1, "id": "20261124-100000-abcd", "kind": "manual", "environment": "prod", "project": "shop",
                  "createdAt": "2026-11-24T10:00:00+00:00", "artifacts": [] }
                """);
            var store = new SnapshotStore(directory);

            var manifest = await store.LoadAsync("20261124-100000-abcd", CancellationToken.None);

            Assert.Null(manifest.Volumes);
            Assert.Null(manifest.Release);
            Assert.False(manifest.IsFull);
            await store.VerifyManifestChecksumAsync(manifest, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SnapshotManifest Snapshot(string id, string kind, double daysAgo) =>
        new(SnapshotManifest.CurrentFormat, id, kind, "prod", "shop", Now - TimeSpan.FromDays(daysAgo), [], null, null);
}
