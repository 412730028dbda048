using System.Security.Cryptography;
using System.Text;
using Backtrack.Snapshots;

namespace Backtrack.Tests.Snapshots;

public sealed class ContentStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("backtrack-content-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Content => Path.Combine(root, "content");

    [Fact]
    public async Task Sweep_removes_only_what_no_kept_snapshot_needs_and_leftover_temporary_files()
    {
        var store = new ContentStore(Content);
        var kept = await AddAsync(store, "kept");
        var dropped = await AddAsync(store, "dropped");
        await File.WriteAllTextAsync(Path.Combine(Content, ".tmp-killed"), "half");

        var (files, _) = store.Sweep(new HashSet<string> { kept });

        Assert.Equal(2, files);
        Assert.Equal([kept], store.Hashes());
        Assert.False(File.Exists(store.PathOf(dropped)));
    }

    [Fact]
    public async Task A_failed_snapshot_takes_back_only_the_contents_it_added()
    {
        var earlier = await AddAsync(new ContentStore(Content), "shared");
        var failing = new ContentStore(Content);
        Assert.Equal(earlier, await AddAsync(failing, "shared"));
        var added = await AddAsync(failing, "new");

        failing.RemoveAdded();

        Assert.True(File.Exists(failing.PathOf(earlier)));
        Assert.False(File.Exists(failing.PathOf(added)));
    }

    [Fact]
    public async Task Contents_are_named_by_sha256_and_checked_against_it()
    {
        var store = new ContentStore(Content);
        var sha256 = await AddAsync(store, "alpha");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("alpha"))), sha256);
        Assert.True(await store.MatchesAsync(sha256, 5, CancellationToken.None));
        await File.WriteAllTextAsync(store.PathOf(sha256), "alphA");
        Assert.False(await store.MatchesAsync(sha256, 5, CancellationToken.None));
        Assert.Throws<SnapshotDamagedException>(() => store.PathOf("../../etc/passwd"));
    }

    private async Task<string> AddAsync(ContentStore store, string text)
    {
        var source = Path.Combine(root, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(source, text);
        return (await store.AddAsync(source, CancellationToken.None)).Sha256;
    }
}
