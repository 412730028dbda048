using Backtrack.Engine;

namespace Backtrack.Tests.Engine;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("web", "web", "web", null, null)]
    [InlineData("registry:5000/team/web:v1@sha256:abcd", "registry:5000/team/web", "registry:5000/team/web", "v1", "sha256:abcd")]
    [InlineData("registry:5000/team/web", "registry:5000/team/web", "registry:5000/team/web", null, null)]
    [InlineData("docker.io/library/redis:7", "docker.io/library/redis", "redis", "7", null)]
    public void A_reference_splits_into_its_name_as_written_tag_and_digest_and_its_repository_drops_docker_hubs_prefixes(
        string reference, string name, string repository, string? tag, string? digest)
    {
        var parsed = ImageReference.Parse(reference);

        Assert.Equal((name, repository, tag, digest), (parsed.Name, parsed.Repository, parsed.Tag, parsed.Digest));
    }
}
