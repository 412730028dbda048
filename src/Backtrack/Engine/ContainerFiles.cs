using System.Formats.Tar;
using System.IO.Pipelines;

namespace Backtrack.Engine;

/// <summary>Single files into containers, running or stopped, through the engine's archive API.</summary>
public static class ContainerFiles
{
    /// <summary>
    /// Puts one file into a directory of the container with the given owner and mode. The one-entry tar the
    /// archive API takes is written as the engine reads it: no copy of the content on disk.
    /// </summary>
    public static async Task PutFileAsync(
        IExecAndArchives engine, string container, string directory, string name, Stream content, int uid, int gid, UnixFileMode mode, CancellationToken ct)
    {
        var pipe = new Pipe();
        var writing = WriteTarAsync(pipe.Writer, new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = content,
            Uid = uid,
            Gid = gid,
            Mode = mode,
            ModificationTime = DateTimeOffset.UtcNow,
        }, ct);
        try
        {
            await using var tar = pipe.Reader.AsStream();
            await engine.PutArchiveAsync(container, directory, tar, ct).ConfigureAwait(false);
        }
        catch
        {
            // The engine stopped reading: the writer ends with the reader, and the engine's error is the one to report.
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            await Task.WhenAny(writing).ConfigureAwait(false);
            throw;
        }

        await writing.ConfigureAwait(false);
    }

    private static async Task WriteTarAsync(PipeWriter pipe, PaxTarEntry entry, CancellationToken ct)
    {
        try
        {
            await using (var tar = new TarWriter(pipe.AsStream(leaveOpen: true), TarEntryFormat.Pax, leaveOpen: true))
            {
                await tar.WriteEntryAsync(entry, ct).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await pipe.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }
}
