using Backtrack.Volumes.Files;

namespace Backtrack.Tests.Volumes;

public sealed class FileChangeTests
{
    private static readonly VolumeFileEntry Previous = new("a.txt", VolumeEntryType.File, 0x1A4, 1, 2, 1_000_000_123, 10, null, new string('a', 64), 42, 2_000_000_456);

    private static readonly FileStatus Same = new(VolumeEntryType.File, 0x1A4, 1, 2, 10, 42, 1, 1_000_000_123, 2_000_000_456, 0, 0);

    [Fact]
    public void A_file_with_the_same_size_mtime_inode_and_ctime_is_unchanged_even_with_another_owner_or_mode()
    {
        // Owner and mode are taken from the new status anyway; only the content is shared.
        Assert.True(FileChange.Unchanged(Previous, Same with { Mode = 0x180, Uid = 7 }));
    }

    [Fact]
    public void Any_of_size_mtime_inode_or_ctime_differing_means_it_is_read_again()
    {
        Assert.False(FileChange.Unchanged(Previous, Same with { Size = 11 }));
        Assert.False(FileChange.Unchanged(Previous, Same with { MtimeNs = 1_000_000_124 }));
        Assert.False(FileChange.Unchanged(Previous, Same with { Inode = 43 }));
        Assert.False(FileChange.Unchanged(Previous, Same with { CtimeNs = 2_000_000_457 }));
    }

    [Fact]
    public void Nothing_to_share_without_a_previous_regular_file_with_content()
    {
        Assert.False(FileChange.Unchanged(null, Same));
        Assert.False(FileChange.Unchanged(Previous with { Sha256 = null }, Same));
        Assert.False(FileChange.Unchanged(Previous with { Type = VolumeEntryType.HardLink }, Same));
        Assert.False(FileChange.Unchanged(Previous, Same with { Type = VolumeEntryType.Fifo }));
    }
}
