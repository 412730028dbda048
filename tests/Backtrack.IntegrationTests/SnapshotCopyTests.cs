using Backtrack.IntegrationTests.Infrastructure;

namespace Backtrack.IntegrationTests;

/// <summary>
/// Snapshots off the host: copied over sftp to a real sshd the test starts on 127.0.0.1 (its own host and
/// client keys), then a full rollback fetched back from that copy after the local snapshots were deleted.
/// </summary>
public sealed class SnapshotCopyTests : IAsyncLifetime
{
    private readonly DatabaseStack stack = new();
    private readonly SshServer ssh = new();
    private readonly string offsite = Directory.CreateTempSubdirectory("backtrack-offsite-").FullName;

    private string Destination => $"sftp://root@127.0.0.1:{ssh.Port}{offsite}/copies";

    public async Task InitializeAsync()
    {
        await ssh.InitializeAsync();
        await stack.InitializeAsync();
        await stack.SeedFirstReleaseAsync();
        await stack.ShellAsync("jobs", "printf upload-1 > /uploads/u1.bin");
    }

    public async Task DisposeAsync()
    {
        await stack.DisposeAsync();
        await ssh.DisposeAsync();
        Directory.Delete(offsite, recursive: true);
    }

    [Fact]
    public async Task A_snapshot_copied_over_sftp_on_create_brings_everything_back_after_the_local_snapshots_are_gone_and_a_disk_copy_restores_the_databases()
    {
        await stack.ConfigureAsync($"""
            snapshots:
              copyTo: {Destination}
              identityFile: {ssh.ClientKey}
              knownHosts: {ssh.KnownHostsFile}
            """);
        var created = await stack.BacktrackAsync("snapshot", "create");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(created.Stdout.Contains($"127.0.0.1:{ssh.Port}{offsite}/copies: ", StringComparison.Ordinal), created.ToString());
        var id = Assert.Single(Directory.GetDirectories(Path.Combine(offsite, "copies")).Select(Path.GetFileName), n => n != "content");
        Assert.True(File.Exists(Path.Combine(offsite, "copies", id!, "manifest.json")));

        var again = await stack.BacktrackAsync("snapshot", "copy", id!, "-o", "json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(TestStack.ParseJson(again).GetProperty("alreadyThere").GetBoolean());
        await AnUnknownHostKeyIsOneLineExit2AndTheUrlPasswordIsNeverShownAsync(id!);

        Directory.Delete(stack.SnapshotDirectory, recursive: true);
        await stack.ChangeEverythingAsync();

        var rollback = await stack.BacktrackAsync("rollback", "full", "--from", Destination, "--yes");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(100L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
        Assert.Equal("v1", await stack.RedisAsync("GET", "k2"));
        Assert.Equal("alpha", await stack.ShellAsync("app", "cat /files/a.txt"));
        Assert.Equal("upload-1", await stack.ShellAsync("jobs", "cat /uploads/u1.bin"));
        Assert.True(File.Exists(Path.Combine(stack.SnapshotDirectory, id!, "manifest.json")), "the fetched snapshot is in the local store");

        // A directory destination, and rollback db from the copy there by its ID.
        var disk = Path.Combine(offsite, "disk");
        var copied = await stack.BacktrackAsync("snapshot", "copy", id!, "--to", disk);
        Assert.True(copied.ExitCode == 0, copied.ToString());
        Directory.Delete(stack.SnapshotDirectory, recursive: true);
        await stack.ExecuteAsync("DELETE FROM items WHERE id > 10");

        var db = await stack.BacktrackAsync("rollback", "db", "--from", Path.Combine(disk, id!), "--yes");

        Assert.True(db.ExitCode == 0, db.ToString());
        Assert.Equal(100L, await stack.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    /// <summary>Part of the test above (a second stack and snapshot would double its time).</summary>
    private async Task AnUnknownHostKeyIsOneLineExit2AndTheUrlPasswordIsNeverShownAsync(string id)
    {
        await stack.ReplaceInConfigAsync(ssh.KnownHostsFile, ssh.EmptyKnownHostsFile);
        var password = "pw-" + Guid.NewGuid().ToString("N");

        var refused = await stack.BacktrackAsync("snapshot", "copy", id, "--to", $"sftp://root:{password}@127.0.0.1:{ssh.Port}{offsite}/other");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("host key", refused.Stderr);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain(password, refused.Stdout + refused.Stderr);
        Assert.False(Directory.Exists(Path.Combine(offsite, "other")));
        await stack.ReplaceInConfigAsync(ssh.EmptyKnownHostsFile, ssh.KnownHostsFile);
    }
}
