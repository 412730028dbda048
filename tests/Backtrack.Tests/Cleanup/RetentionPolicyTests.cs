using Backtrack.Cleanup;
using Backtrack.Engine;
using Backtrack.Releases;

namespace Backtrack.Tests.Cleanup;

public sealed class RetentionPolicyTests
{
    [Fact]
    public void The_last_good_releases_and_images_in_use_are_kept_and_failed_images_go()
    {
        // Newest first: 5 good (v5), 4 failed (bad), 3 good (v3), 2 good (v2), 1 good (v1).
        IReadOnlyList<Release> releases = [Release(5, ("v5", true)), Release(4, ("bad", false)), Release(3, ("v3", true)), Release(2, ("v2", true)), Release(1, ("v1", true))];

        var (kept, removable) = RetentionPolicy.Choose(releases, new HashSet<string> { "old-in-use" }, 2);

        Assert.Equal(["old-in-use", "v3", "v5"], kept.Order(StringComparer.Ordinal));
        var failed = Assert.Single(removable, r => !r.OnlyIfUntagged);
        Assert.Equal("bad", failed.ImageId);
        Assert.Contains("failed release 4", failed.Reason);
        Assert.Equal(["v1", "v2"], removable.Where(r => r.OnlyIfUntagged).Select(r => r.ImageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_image_ever_recorded_healthy_is_not_a_failed_image_and_the_newest_release_is_always_kept()
    {
        IReadOnlyList<Release> releases = [Release(3, ("flaky", false)), Release(2, ("v2", false)), Release(1, ("v2", true))];

        var (kept, removable) = RetentionPolicy.Choose(releases, new HashSet<string>(), 0);

        Assert.Contains("flaky", kept);
        Assert.All(removable, r => Assert.True(r.OnlyIfUntagged));
    }

    [Theory]
    [InlineData("backtrack-demo/web:v1", "backtrack-demo/web")]
    [InlineData("registry:5000/team/web:v1", "registry:5000/team/web")]
    [InlineData("registry:5000/team/web", "registry:5000/team/web")]
    [InlineData("web@sha256:abcd", "web")]
    [InlineData("sha256:abcd", null)]
    public void The_repository_of_a_reference(string reference, string? repository) => Assert.Equal(repository, ImageRepository.Of(reference));

    private static Release Release(long id, (string Image, bool Healthy) web) =>
        new(id, DateTimeOffset.UnixEpoch.AddDays(id), "record", null, null, null,
            [new ServiceRelease("web", "web", "backtrack-demo/web:" + web.Image, web.Image, web.Healthy, new ContainerSpec { Image = web.Image, HostConfigJson = "{}" })]);
}
