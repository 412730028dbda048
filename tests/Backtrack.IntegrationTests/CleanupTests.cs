using System.Formats.Tar;
using System.IO.Compression;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Cleanup on the real engine, with throwaway images this test builds (labelled, unique tags) from the
/// demo images: a good and a failed release of web. Only its own tags are ever removed.
/// </summary>
public sealed class CleanupTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly string id = Guid.NewGuid().ToString("N")[..8];

    private string GoodTag => $"bt-{id}-good";

    private string BadTag => $"bt-{id}-bad";

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        await BuildAsync(GoodTag, "v1");
        await BuildAsync(BadTag, "v2");
    }

    public async Task DisposeAsync()
    {
        await stack.DisposeAsync();
        foreach (var tag in new[] { GoodTag, BadTag })
        {
            await ProcessRunner.RunAsync("docker", ["rmi", $"backtrack-demo/web:{tag}"], Path.GetTempPath());
        }
    }

    [Fact]
    public async Task Cleanup_removes_the_failed_release_image_archives_the_logs_and_a_rollback_target_survives()
    {
        await Succeeds("record", "--note", "v1");
        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = GoodTag }, "web");
        await Succeeds("record", "--note", "good");
        await stack.DeployAsync(new Dictionary<string, string> { ["WEB_TAG"] = BadTag }, "web");
        await Succeeds("record", "--note", "bad");
        await Succeeds("rollback", "service", "web", "--yes");
        var badId = await stack.ImageIdAsync($"backtrack-demo/web:{BadTag}");

        var dryRun = await Succeeds("cleanup", "--dry-run");

        Assert.Contains($"remove image backtrack-demo/web:{BadTag}", dryRun.Stdout);
        Assert.Contains("failed release", dryRun.Stdout);
        Assert.Contains("archive the logs of", dryRun.Stdout);
        Assert.DoesNotContain(GoodTag, dryRun.Stdout);
        Assert.DoesNotContain("backtrack-demo/web:v1", dryRun.Stdout);
        Assert.Equal(badId, await stack.ImageIdAsync($"backtrack-demo/web:{BadTag}"));

        await Succeeds("cleanup", "--yes");

        var gone = await ProcessRunner.RunAsync("docker", ["image", "inspect", $"backtrack-demo/web:{BadTag}"], stack.Directory);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Equal(await stack.ImageIdAsync($"backtrack-demo/web:{GoodTag}"), (await stack.InspectAsync("web")).Image);
        var archive = Assert.Single(Directory.GetFiles(Path.Combine(stack.Directory, "state", "logs"), "*.tar.gz"));
        Assert.Contains(await EntriesAsync(archive), e => e.Contains("web", StringComparison.Ordinal) && e.EndsWith(".log", StringComparison.Ordinal));

        // The first release (v1) is one of the last good releases: its image is still there to roll back to.
        await Succeeds("rollback", "service", "web", "--to", "1", "--yes");
        Assert.Equal(await stack.ImageIdAsync("backtrack-demo/web:v1"), (await stack.InspectAsync("web")).Image);
    }

    private async Task<ProcessResult> Succeeds(params string[] args)
    {
        var result = await stack.BacktrackAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary>A new image (own ID, labelled as this test's) from a demo image, under a unique tag of the demo's web repository.</summary>
    private async Task BuildAsync(string tag, string from)
    {
        var context = Directory.CreateDirectory(Path.Combine(stack.Directory, "build-" + tag)).FullName;
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM backtrack-demo/web:{from}\nLABEL {TestStack.TestLabel}=true org.backtrack.test.id={id}-{tag}\n");
        var result = await ProcessRunner.RunAsync("docker", ["build", "-q", "-t", $"backtrack-demo/web:{tag}", context], context);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static async Task<IReadOnlyList<string>> EntriesAsync(string path)
    {
        var names = new List<string>();
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
