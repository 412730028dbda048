using Backtrack.Snapshots;

namespace Backtrack.Tests.Snapshots;

public sealed class ContentReferencesTests
{
    [Fact]
    public void Each_hash_names_every_snapshot_needing_it_once_in_order()
    {
        var index = ContentReferences.Index(
        [
            ("s3", ["shared", "new", "shared"]),
            ("s2", ["shared", "old"]),
            ("s2", ["other-volume"]),
            ("s1", ["shared"]),
        ]);

        Assert.Equal(["s3", "s2", "s1"], index["shared"]);
        Assert.Equal(["s3"], index["new"]);
        Assert.Equal(["s2"], index["old"]);
        Assert.Equal(["s2"], index["other-volume"]);
        Assert.Equal(4, index.Count);
    }
}
