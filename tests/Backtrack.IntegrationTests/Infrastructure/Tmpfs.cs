namespace Backtrack.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted on a directory (the tests run as root), to run a disk full on purpose. Disposing
/// unmounts it (lazily when something still holds it open), so the fixture can delete its directory.
/// </summary>
public sealed class Tmpfs : IAsyncDisposable
{
    private const int Chunk = 64 * 1024;

    private readonly long capacity;

    private Tmpfs(string directory, long capacity)
    {
        Directory = directory;
        this.capacity = capacity;
    }

    public string Directory { get; }

    private string FillPath => Path.Combine(Directory, "fill.bin");

    /// <summary>Mounts a tmpfs of KILOBYTES on DIRECTORY (created when missing).</summary>
    public static async Task<Tmpfs> MountAsync(string directory, int kilobytes)
    {
        System.IO.Directory.CreateDirectory(directory);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0700", "tmpfs", directory);
        return new Tmpfs(directory, kilobytes * 1024L);
    }

    /// <summary>Takes the space left with one file, written until the file system is full (bounded by the tmpfs's size).</summary>
    public async Task FillAsync()
    {
        var block = new byte[Chunk];
        await using var file = new FileStream(FillPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 });
        foreach (var size in new[] { Chunk, 4096, 1 })
        {
            try
            {
                for (var written = 0L; written <= capacity; written += size)
                {
                    await file.WriteAsync(block.AsMemory(0, size));
                }
            }
            catch (IOException)
            {
                // Full at this granularity; try the next smaller one.
            }
        }
    }

    /// <summary>Frees what <see cref="FillAsync"/> took.</summary>
    public void Free() => File.Delete(FillPath);

    public async ValueTask DisposeAsync()
    {
        var result = await ProcessRunner.RunAsync("umount", [Directory], Path.GetTempPath());
        if (result.ExitCode != 0)
        {
            await RunAsync("umount", "-l", Directory);
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(file, args, Path.GetTempPath());
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', args)}: {result}");
    }
}
