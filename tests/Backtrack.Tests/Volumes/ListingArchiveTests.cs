using Backtrack.Volumes;
using Backtrack.Volumes.Files;

namespace Backtrack.Tests.Volumes;

public sealed class ListingArchiveTests
{
    [Theory]
    [InlineData("../escape.txt", VolumeEntryType.File, null)]
    [InlineData("sub/../../escape.txt", VolumeEntryType.File, null)]
    [InlineData("link", VolumeEntryType.Symlink, "../../etc/passwd")]
    [InlineData("link", VolumeEntryType.Symlink, "/etc/passwd")]
    [InlineData("hard", VolumeEntryType.HardLink, "../outside")]
    public void A_listing_with_a_path_or_link_outside_the_volume_is_refused(string path, VolumeEntryType type, string? link)
    {
        var listing = new VolumeListing("v", [Entry(".", VolumeEntryType.Directory, null), Entry(path, type, link)]);

        Assert.Throws<UnsafeArchiveException>(() => ListingArchive.Validate(listing, "bt-volume", "volumes/v.files.json"));
    }

    [Fact]
    public void Links_inside_the_volume_pass()
    {
        var listing = new VolumeListing("v", [Entry(".", VolumeEntryType.Directory, null), Entry("sub/link", VolumeEntryType.Symlink, "../a.txt"), Entry("hard", VolumeEntryType.HardLink, "a.txt")]);

        ListingArchive.Validate(listing, "bt-volume", "volumes/v.files.json");
    }

    private static VolumeFileEntry Entry(string path, VolumeEntryType type, string? link) => new(path, type, 0x1ED, 0, 0, 0, 0, link, null, 1, 0);
}
