using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Offsite;
using Backtrack.Volumes.Files;

namespace Backtrack.Tests.Snapshots.Offsite;

/// <summary>A copy in a local directory (the same code path as sftp's but for the transport) fetched into a store.</summary>
public sealed class SnapshotFetcherTests : TemporaryFolder
{
    private const string Id = "20261202T000000Z-abcd";

    private string Remote => Path.Combine(Root, "remote");

    private SnapshotStore Store => new(Path.Combine(Root, "store"));

    [Fact]
    public async Task Given_an_intact_copy_when_fetched_then_its_shared_content_is_stored_under_its_sha256_and_it_verifies()
    {
        var sha256 = await WriteCopyAsync(content: "alpha");

        var manifest = await FetchAsync();

        Assert.Equal(Id, manifest.Id);
        Assert.True(await Store.Content.MatchesAsync(sha256, 5, CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_copy_whose_content_file_is_damaged_when_fetched_then_it_fails_and_nothing_enters_the_store()
    {
        var sha256 = await WriteCopyAsync(content: "alphA", claimed: "alpha");

        var error = await Assert.ThrowsAsync<SnapshotDamagedException>(FetchAsync);

        Assert.Contains("damaged", error.Message);
        Assert.False(File.Exists(Store.Content.PathOf(sha256)));
        Assert.Empty(Store.Content.Hashes());
        Assert.False(Directory.Exists(Store.PathOf(Id)));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Store.Directory), p => Path.GetFileName(p) != ContentStore.FolderName);
    }

    [Fact]
    public async Task Given_a_copy_without_its_manifest_checksum_when_fetched_then_it_is_refused_as_damaged()
    {
        await WriteCopyAsync(content: "alpha");
        File.Delete(Path.Combine(Remote, Id, SnapshotStore.ManifestChecksumFile));

        var error = await Assert.ThrowsAsync<SnapshotDamagedException>(FetchAsync);

        Assert.Contains("incomplete", error.Message);
    }

    private async Task<SnapshotManifest> FetchAsync()
    {
        await using var folder = new LocalFolder(Remote);
        return await new SnapshotFetcher(Store, null).FetchAsync(folder, null, _ => true, Remote, CancellationToken.None);
    }

    /// <summary>A snapshot copy of one incremental volume holding one file, its content written as <paramref name="content"/>.</summary>
    private async Task<string> WriteCopyAsync(string content, string? claimed = null)
    {
        var sha256 = Hash(Encoding.UTF8.GetBytes(claimed ?? content));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var listing = JsonSerializer.SerializeToUtf8Bytes(new VolumeListing("data",
        [
            new VolumeFileEntry(".", VolumeEntryType.Directory, 493, 0, 0, 0, 0, null, null, 1, 0),
            new VolumeFileEntry("./a.txt", VolumeEntryType.File, 420, 0, 0, 0, content.Length, null, sha256, 2, 0),
        ]), options);
        var artifact = new SnapshotArtifact("volumes/data.files.json", SnapshotArtifact.VolumeFiles, listing.Length, Hash(listing), new Dictionary<string, string>());
        var manifest = JsonSerializer.SerializeToUtf8Bytes(
            new SnapshotManifest(SnapshotManifest.CurrentFormat, Id, "full", "test", "test", DateTimeOffset.UnixEpoch, [artifact], null, null), options);

        Directory.CreateDirectory(Path.Combine(Remote, Id, "volumes"));
        await File.WriteAllBytesAsync(Path.Combine(Remote, Id, artifact.Path), listing);
        await File.WriteAllBytesAsync(Path.Combine(Remote, Id, SnapshotStore.ManifestFile), manifest);
        await File.WriteAllTextAsync(Path.Combine(Remote, Id, SnapshotStore.ManifestChecksumFile), Hash(manifest));
        var stored = Path.Combine(Remote, ContentStore.Name(sha256));
        Directory.CreateDirectory(Path.GetDirectoryName(stored)!);
        await File.WriteAllTextAsync(stored, content);
        return sha256;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
