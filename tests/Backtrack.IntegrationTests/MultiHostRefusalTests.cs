using Backtrack.IntegrationTests.Infrastructure;
using Docker.DotNet.Models;

namespace Backtrack.IntegrationTests;

/// <summary>A rollback of an environment with hosts when one host lacks the target image: refused before anything changes.</summary>
public sealed class MultiHostRefusalTests : IAsyncLifetime
{
    private readonly MultiHostStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_host_without_the_target_image_is_refused_in_one_line_and_nothing_changes()
    {
        // Host b runs web from a repository of its own, which has no v3: '--to v3' names an image b lacks.
        var repository = "bttest-" + Guid.NewGuid().ToString("N")[..8] + "/web";
        await stack.B.Docker.Images.TagImageAsync("backtrack-demo/web:v1", new ImageTagParameters { RepositoryName = repository, Tag = "v1" });
        try
        {
            await stack.B.DeployAsync(repository + ":v1");
            var before = (await stack.A.ContainerIdAsync("web"), await stack.B.ContainerIdAsync("web"));

            var refused = await stack.BacktrackAsync("rollback", "service", "web", "--to", "v3", "--yes");

            Assert.Equal(2, refused.ExitCode);
            Assert.Equal($"backtrack: host b has no image {repository}:v3; load it there (docker pull, or docker save | ssh HOST docker load) and roll back again; nothing was changed", refused.Stderr.Trim());
            Assert.Equal(before, (await stack.A.RunningWebAsync(), await stack.B.RunningWebAsync()));
            var history = await stack.BacktrackAsync("history");
            Assert.DoesNotContain("rollback", history.Stdout);
        }
        finally
        {
            await stack.B.DeployAsync("backtrack-demo/web:v1");
            await stack.B.Docker.Images.DeleteImageAsync(repository + ":v1", new ImageDeleteParameters());
        }
    }
}
