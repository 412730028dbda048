using System.Formats.Tar;
using System.Text;
using Backtrack.Engine.Docker;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>The engine layer's streaming, archive, resource and volume calls on the real engine.</summary>
public sealed class EngineTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly DockerEngine engine = new(null);
    private string api = "";

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        api = (await stack.InspectAsync("api")).ID;
    }

    public async Task DisposeAsync()
    {
        engine.Dispose();
        await stack.DisposeAsync();
    }

    [Fact]
    public async Task Exec_streams_stdin_in_and_stdout_and_stderr_out_with_the_exit_code()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("hello through stdin\n"));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var exit = await engine.ExecStreamAsync(api, ["/bin/busybox", "sh", "-c", "cat; echo oops >&2; exit 3"], stdin, stdout, stderr, CancellationToken.None);

        Assert.Equal(3, exit);
        Assert.Equal("hello through stdin\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("oops\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task The_event_stream_reports_a_container_stopping_and_starting_as_it_happens()
    {
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var labels = new Dictionary<string, string?> { [Backtrack.Compose.ComposeLabels.Project] = stack.Project, [Backtrack.Compose.ComposeLabels.Service] = "api" };
        var seen = new List<Backtrack.Engine.EngineEvent>();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in engine.ContainerEventsAsync(labels, DateTimeOffset.UtcNow.AddSeconds(-1), watching.Token))
            {
                seen.Add(e);
                if (e.Action == "start" && seen.Any(d => d.Action == "die"))
                {
                    return;
                }
            }
        });

        await engine.StopContainerAsync(api, TimeSpan.FromSeconds(5), CancellationToken.None);
        await engine.StartContainerAsync(api, CancellationToken.None);
        await watch;

        Assert.Contains(seen, e => e.Action == "die" && e.ContainerId == api && e.ExitCode is not null);
        Assert.Equal("start", seen[^1].Action);
        Assert.Equal("api", seen[^1].Attributes[Backtrack.Compose.ComposeLabels.Service]);
    }

    [Fact]
    public async Task Archives_go_out_of_and_into_a_container()
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "marker.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("restored")) };
            await writer.WriteEntryAsync(entry);
        }

        tar.Position = 0;
        await engine.PutArchiveAsync(api, "/www", tar, CancellationToken.None);
        await using var archive = await engine.GetArchiveAsync(api, "/www/marker.txt", CancellationToken.None);
        await using var reader = new TarReader(archive);
        var read = await reader.GetNextEntryAsync();

        Assert.Equal("marker.txt", read!.Name);
        Assert.Equal("restored", await new StreamReader(read.DataStream!).ReadToEndAsync());
    }

    [Fact]
    public async Task A_memory_limit_is_set_live_and_usage_is_read()
    {
        await engine.SetMemoryLimitAsync(api, 64 * 1024 * 1024, CancellationToken.None);

        var usage = await engine.GetMemoryUsageAsync(api, CancellationToken.None);

        Assert.Equal(64 * 1024 * 1024, usage.LimitBytes);
        Assert.InRange(usage.UsedBytes, 1, 64 * 1024 * 1024);
    }

    [Fact]
    public async Task Volumes_are_listed_by_label_created_and_removed()
    {
        var name = stack.Project + "-extra";
        await engine.CreateVolumeAsync(name, new Dictionary<string, string> { [TestStack.TestLabel] = "true", ["bt.owner"] = stack.Project }, CancellationToken.None);

        var listed = await engine.ListVolumesAsync(new Dictionary<string, string?> { ["bt.owner"] = stack.Project }, CancellationToken.None);
        await engine.RemoveVolumeAsync(name, CancellationToken.None);

        Assert.Equal([name], listed.Select(v => v.Name));
        Assert.Empty(await engine.ListVolumesAsync(new Dictionary<string, string?> { ["bt.owner"] = stack.Project }, CancellationToken.None));
    }
}
