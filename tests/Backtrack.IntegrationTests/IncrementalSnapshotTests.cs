using System.Text.Json;
using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Incremental volume snapshots on the real engine (a local one: the volume is read from its mountpoint):
/// unchanged files shared unread, a chain restored exactly after its older links were pruned, a damaged
/// shared content file refused before anything stops.
/// </summary>
public sealed class IncrementalSnapshotTests : IAsyncLifetime
{
    private const string Fill =
        "mkdir -p /data/sub /data/empty && printf alpha > /data/a.txt && printf beta > /data/sub/b.txt && printf dot > /data/.hidden"
        + " && dd if=/dev/urandom of=/data/big.bin bs=1024 count=256 2>/dev/null && chown 1234:5678 /data/a.txt && chmod 640 /data/a.txt"
        + " && chmod 2750 /data/sub && ln -s a.txt /data/link && ln /data/sub/b.txt /data/hard";

    /// <summary>What the volume holds, as seen from inside the container: paths, types, owners, modes, link targets, content sums.</summary>
    private const string Describe =
        "cd /data && find . | sort | while read -r p; do stat -c '%n %F %u:%g %a %h' \"$p\"; [ -L \"$p\" ] && readlink \"$p\"; [ -f \"$p\" ] && [ ! -L \"$p\" ] && sha256sum \"$p\"; done";

    private readonly TestStack stack = new();

    public Task InitializeAsync() => stack.InitializeAsync();

    public Task DisposeAsync() => stack.DisposeAsync();

    [Fact]
    public async Task A_chain_restores_exactly_after_its_older_snapshots_were_pruned_and_unchanged_files_are_not_read_again()
    {
        await ShellAsync(Fill);
        var (first, firstRead) = await SnapshotAsync();
        // Four regular files; the hard link is recorded as a link to its first path, not read twice.
        Assert.Equal(4, firstRead.GetProperty("filesRead").GetInt32());
        Assert.Equal(0, firstRead.GetProperty("filesUnchanged").GetInt32());

        var (_, secondRead) = await SnapshotAsync();
        Assert.Equal(0, secondRead.GetProperty("filesRead").GetInt32());
        Assert.Equal(4, secondRead.GetProperty("filesUnchanged").GetInt32());

        await ShellAsync("printf alpha-2 > /data/a.txt");
        var (third, thirdRead) = await SnapshotAsync();
        Assert.Equal(1, thirdRead.GetProperty("filesRead").GetInt32());
        Assert.Equal(3, thirdRead.GetProperty("filesUnchanged").GetInt32());
        var expected = await ShellAsync(Describe);

        var prune = await stack.BacktrackAsync("snapshot", "prune", "--keep", "1", "--yes");
        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.False(Directory.Exists(Path.Combine(SnapshotDirectory, first)));
        // The first a.txt ("alpha") is needed by no kept snapshot: gone; the shared contents stay.
        Assert.Equal(4, Directory.EnumerateFiles(Path.Combine(SnapshotDirectory, "content"), "*", SearchOption.AllDirectories).Count());

        await ShellAsync("printf changed > /data/sub/b.txt && rm /data/link && chmod 600 /data/big.bin && printf stray > /data/stray.txt && mkdir /data/stray-dir");
        var rollback = await stack.BacktrackAsync("rollback", "full", "--to", third, "--yes");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(expected, await ShellAsync(Describe));
        Assert.DoesNotContain("stray", expected);
    }

    [Fact]
    public async Task A_damaged_shared_content_file_is_refused_before_anything_stops_naming_every_snapshot_needing_it()
    {
        await ShellAsync(Fill);
        var (first, _) = await SnapshotAsync();
        var (second, _) = await SnapshotAsync();
        var big = Directory.EnumerateFiles(Path.Combine(SnapshotDirectory, "content"), "*", SearchOption.AllDirectories).Single(f => new FileInfo(f).Length == 256 * 1024);
        var bytes = await File.ReadAllBytesAsync(big);
        bytes[1000] ^= 0x5a;
        await File.WriteAllBytesAsync(big, bytes);
        await ShellAsync("printf stray > /data/stray.txt");
        var startedAt = (await stack.InspectAsync("web")).State.StartedAt;

        var result = await stack.BacktrackAsync("rollback", "full", "--to", first, "--yes");

        Assert.NotEqual(0, result.ExitCode);
        var output = result.Stdout + result.Stderr;
        Assert.Contains("damaged", output);
        Assert.Contains(Path.GetFileName(big), output);
        Assert.Contains(first, output);
        Assert.Contains(second, output);
        var web = await stack.InspectAsync("web");
        Assert.True(web.State.Running);
        Assert.Equal(startedAt, web.State.StartedAt);
        Assert.Equal("stray", await ShellAsync("cat /data/stray.txt"));
    }

    private string SnapshotDirectory => Path.Combine(stack.Directory, "state", "snapshots");

    /// <summary>A full snapshot; its ID and the volume's read counts.</summary>
    private async Task<(string Id, JsonElement Read)> SnapshotAsync()
    {
        var manifest = TestStack.ParseJson(await stack.BacktrackAsync("snapshot", "create", "-o", "json"));
        var volume = manifest.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == $"{stack.Project}_data");
        return (manifest.GetProperty("id").GetString()!, volume.GetProperty("read"));
    }

    private async Task<string> ShellAsync(string script)
    {
        var result = await DatabaseStack.DockerExecAsync(await stack.ContainerIdAsync("web"), "/bin/busybox", "sh", "-c", script);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
