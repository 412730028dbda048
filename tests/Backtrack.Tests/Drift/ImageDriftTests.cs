using Backtrack.Drift;
using Backtrack.Engine;

namespace Backtrack.Tests.Drift;

public sealed class ImageDriftTests
{
    [Theory]
    [InlineData("shop/api:v1", "shop/api:v1", true)]
    [InlineData("shop/api:v1", "shop/api:v1@sha256:aaaa", true)]
    [InlineData("shop/api@sha256:aaaa", "shop/api:v1@sha256:aaaa", true)]
    [InlineData("shop/api", "shop/api:latest", true)]
    [InlineData("redis:7", "docker.io/library/redis:7", true)]
    [InlineData("registry.local:5000/shop/api:v1", "registry.local:5000/shop/api:v1", true)]
    [InlineData("shop/api:v2", "shop/api:v1", false)]
    [InlineData("shop/api:v2", "shop/api:v1@sha256:aaaa", false)]
    [InlineData("shop/api:v1@sha256:bbbb", "shop/api:v1@sha256:aaaa", false)]
    [InlineData("other/api:v1", "shop/api:v1", false)]
    [InlineData("registry.local:5000/shop/api", "registry.local:5001/shop/api", false)]
    public void Two_references_name_the_same_image_by_repository_and_tag_or_by_digest_when_both_have_one(string declared, string running, bool same)
    {
        Assert.Equal(same, ImageReference.Parse(declared).SameImageAs(ImageReference.Parse(running)));
    }

    [Fact]
    public void Given_image_lines_when_compared_with_what_runs_then_only_services_running_another_image_drift()
    {
        var lines = new Dictionary<string, ImageLine>
        {
            ["api"] = new("api", "shop/api:${API_TAG}", "shop/api:v2", "/srv/stack.yml"),
            ["web"] = new("web", "shop/web:v1", "shop/web:v1", "/srv/stack.yml"),
        };

        var drift = ImageDrift.Find("stack file", lines, [("api", "shop/api:v1@sha256:aaaa"), ("web", "shop/web:v1"), ("cron", "shop/cron:v1")]);

        var api = Assert.Single(drift);
        Assert.Equal("stack file says shop/api:v2, running shop/api:v1@sha256:aaaa; 'backtrack pin api' keeps shop/api:v1@sha256:aaaa", api.Describe());
    }
}
