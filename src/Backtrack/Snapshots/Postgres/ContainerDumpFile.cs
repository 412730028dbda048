using System.Globalization;
using Backtrack.Engine;

namespace Backtrack.Snapshots.Postgres;

/// <summary>
/// A dump put into the database container's temp directory for the time of a restore: pg_restore runs
/// parallel jobs only from a file. The file is 0600 and owned by the user execs run as; it is removed
/// when disposed. A container that takes no file (no shell, read-only or full file system) gets none,
/// and the caller streams the dump instead.
/// </summary>
internal sealed class ContainerDumpFile : IAsyncDisposable
{
    private static readonly TimeSpan ExecTimeout = TimeSpan.FromSeconds(30);
    private const int MaxJobs = 8;
    private readonly IExecAndArchives engine;
    private readonly string container;

    private ContainerDumpFile(IExecAndArchives engine, string container, string path, int jobs)
    {
        this.engine = engine;
        this.container = container;
        Path = path;
        Jobs = jobs;
    }

    /// <summary>Where the dump is inside the container.</summary>
    public string Path { get; }

    /// <summary>pg_restore jobs: the CPUs the container sees, at most <see cref="MaxJobs"/>.</summary>
    public int Jobs { get; }

    /// <summary>Puts the dump (read from its start) into the container; null when the container cannot take it.</summary>
    public static async Task<ContainerDumpFile?> TryPutAsync(IExecAndArchives engine, string container, FileStream dump, CancellationToken ct)
    {
        ExecResult probe;
        try
        {
            probe = await engine.ExecAsync(container, ["sh", "-c", "id -u; id -g; nproc; echo \"${TMPDIR:-/tmp}\""], ExecTimeout, ct).ConfigureAwait(false);
        }
        catch (EngineOperationException)
        {
            return null;
        }

        if (probe.ExitCode != 0
            || probe.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is not [var uidText, var gidText, var cpusText, var directory]
            || !int.TryParse(uidText, CultureInfo.InvariantCulture, out var uid)
            || !int.TryParse(gidText, CultureInfo.InvariantCulture, out var gid)
            || !int.TryParse(cpusText, CultureInfo.InvariantCulture, out var cpus))
        {
            return null;
        }

        var name = $"backtrack-restore-{Guid.NewGuid():N}.dump";
        var file = new ContainerDumpFile(engine, container, $"{directory.TrimEnd('/')}/{name}", Math.Clamp(cpus, 1, MaxJobs));
        try
        {
            await ContainerFiles.PutFileAsync(engine, container, directory, name, dump, uid, gid, UnixFileMode.UserRead | UnixFileMode.UserWrite, ct)
                .ConfigureAwait(false);
            return file;
        }
        catch (EngineOperationException)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await engine.ExecAsync(container, ["rm", "-f", Path], ExecTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (EngineOperationException)
        {
            // The container is gone or stopped: so is what it held in its temp directory, or it goes with it.
        }
    }
}
