using Backtrack.Compose;

namespace Backtrack.Scenarios;

/// <summary>
/// The file a fix replaces, kept in the state directory (0700; the copy 0600: an env file holds secrets)
/// so the fix can be undone, by the executor or by hand.
/// </summary>
public static class KeptFile
{
    public static string PathFor(string stateDirectory, string operationId, string relativePath) =>
        Path.Combine(stateDirectory, "replaced", operationId, relativePath);

    /// <summary>
    /// Copies the target aside (complete or not at all: written beside, then renamed); an absent target is
    /// kept as a marker, so undo removes the restored file. No copy and no marker: the fix never began.
    /// </summary>
    public static async Task KeepAsync(string target, string kept, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(kept)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(target))
        {
            await File.WriteAllBytesAsync(AbsentMarker(kept), [], ct).ConfigureAwait(false);
            return;
        }

        var partial = kept + ".partial";
        var source = File.OpenRead(target);
        await using (source.ConfigureAwait(false))
        {
            var copy = new FileStream(partial, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            await using (copy.ConfigureAwait(false))
            {
                await source.CopyToAsync(copy, ct).ConfigureAwait(false);
                copy.Flush(flushToDisk: true);
            }
        }

        File.Move(partial, kept, overwrite: true);
    }

    /// <summary>
    /// Puts the kept copy back over the target, keeping the target's mode; the target was absent: removes
    /// it; nothing kept: the fix never changed the target, so neither does this. Safe to repeat.
    /// </summary>
    public static void PutBack(string target, string kept)
    {
        if (File.Exists(kept))
        {
            ProjectFileWriter.CopyOver(kept, target);
        }
        else if (File.Exists(AbsentMarker(kept)))
        {
            File.Delete(target);
        }
    }

    private static string AbsentMarker(string kept) => kept + ".absent";
}
