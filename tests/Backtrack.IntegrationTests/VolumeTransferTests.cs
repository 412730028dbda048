using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Backtrack.Engine;
using Backtrack.Engine.Docker;
using Backtrack.IntegrationTests.Infrastructure;
using Backtrack.Volumes;

namespace Backtrack.IntegrationTests;

/// <summary>Volume export and exact replacement through the engine's archive API, on a real Compose volume.</summary>
public sealed class VolumeTransferTests : IAsyncLifetime
{
    private readonly TestStack stack = new();
    private readonly DockerEngine engine = new(null);
    private readonly string archives = Directory.CreateTempSubdirectory("backtrack-volumes-").FullName;
    private VolumeTransfer transfer = null!;

    public async Task InitializeAsync()
    {
        await stack.InitializeAsync();
        transfer = new VolumeTransfer(engine, "backtrack-demo/web:v1");
    }

    public async Task DisposeAsync()
    {
        engine.Dispose();
        Directory.Delete(archives, recursive: true);
        await stack.DisposeAsync();
    }

    private string Volume => $"{stack.Project}_data";

    [Fact]
    public async Task A_volume_comes_back_byte_identical_with_owners_and_modes_and_stray_files_gone()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await WebShellAsync("mkdir -p /data/sub && printf alpha > /data/a.txt && printf beta > /data/sub/b.txt && chown 1234:5678 /data/a.txt && chmod 640 /data/a.txt && ln -s a.txt /data/link");
        var archive = await transfer.ExportAsync(Volume, Path.Combine(archives, "data.tar"), CancellationToken.None);
        Assert.Contains(archive.Files, f => f.Path == "a.txt" && f.Size == 5 && f.Sha256 == Sha256("alpha"));
        Assert.Contains(archive.Files, f => f.Path == "sub/b.txt" && f.Sha256 == Sha256("beta"));

        await WebShellAsync("printf changed > /data/a.txt && rm /data/sub/b.txt && printf stray > /data/stray.txt");
        var volume = await RemoveWebAndGetVolumeAsync();
        await transfer.ReplaceAsync(volume, archive.FilePath, CancellationToken.None);
        await stack.DeployAsync(new Dictionary<string, string>(), "web");

        var listing = await WebShellAsync("cat /data/a.txt; echo; cat /data/sub/b.txt; echo; ls /data; stat -c '%u:%g %a' /data/a.txt; readlink /data/link");
        Assert.Equal("alpha\nbeta\na.txt\nlink\nsub\n1234:5678 640\na.txt\n", listing);
        var parked = await engine.ListContainersAsync(new Dictionary<string, string?> { [VolumeTransfer.ParkedLabel] = Volume }, CancellationToken.None);
        Assert.DoesNotContain(parked, c => c.Created > started);
    }

    [Theory]
    [InlineData("bt-volume/../escape.txt", TarEntryType.RegularFile, "")]
    [InlineData("/etc/passwd", TarEntryType.RegularFile, "")]
    [InlineData("other/file.txt", TarEntryType.RegularFile, "")]
    [InlineData("bt-volume/link", TarEntryType.SymbolicLink, "../../etc/passwd")]
    [InlineData("bt-volume/link", TarEntryType.SymbolicLink, "/etc/passwd")]
    public async Task A_crafted_archive_is_refused_before_the_volume_is_touched(string name, TarEntryType type, string linkName)
    {
        await WebShellAsync("printf keep > /data/keep.txt");
        var crafted = Path.Combine(archives, "crafted.tar");
        await using (var file = File.Create(crafted))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(type, name);
            if (type == TarEntryType.RegularFile)
            {
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes("evil"));
            }
            else
            {
                entry.LinkName = linkName;
            }

            await writer.WriteEntryAsync(entry);
        }

        var volume = (await engine.ListVolumesAsync(new Dictionary<string, string?>(), CancellationToken.None)).Single(v => v.Name == Volume);

        await Assert.ThrowsAsync<UnsafeArchiveException>(() => transfer.ReplaceAsync(volume, crafted, CancellationToken.None));

        Assert.Equal("keep", await WebShellAsync("cat /data/keep.txt"));
    }

    private async Task<VolumeInfo> RemoveWebAndGetVolumeAsync()
    {
        var web = await stack.InspectAsync("web");
        await engine.RemoveContainerAsync(web.ID, CancellationToken.None);
        return (await engine.ListVolumesAsync(new Dictionary<string, string?>(), CancellationToken.None)).Single(v => v.Name == Volume);
    }

    private async Task<string> WebShellAsync(string script)
    {
        var web = await stack.InspectAsync("web");
        var result = await engine.ExecAsync(web.ID, ["/bin/busybox", "sh", "-c", script], TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
