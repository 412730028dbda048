using Backtrack.Snapshots;

namespace Backtrack.Tests.Snapshots;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-store-").FullName;

    [Fact]
    public async Task Given_a_partial_folder_a_killed_writer_left_when_a_new_snapshot_begins_then_it_is_removed_and_never_listed()
    {
        var leftover = Path.Combine(directory, ".partial-20261124-101010-dead");
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "half.dump"), "half");
        var store = new SnapshotStore(directory);
        Assert.Empty(await store.ListAsync(CancellationToken.None));

        using (store.Begin("20261124-111111-beef"))
        {
            Assert.False(Directory.Exists(leftover));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
