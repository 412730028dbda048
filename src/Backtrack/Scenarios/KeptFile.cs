namespace Backtrack.Scenarios;

/// <summary>
/// The file a fix replaces, kept in the state directory (0700; the copy 0600: an env file holds secrets)
/// so the fix can be undone, by the executor or by hand.
/// </summary>
public static class KeptFile
{
    public static string PathFor(string stateDirectory, string operationId, string relativePath) =>
        Path.Combine(stateDirectory, "replaced", operationId, relativePath);

    /// <summary>Copies the target aside when it exists; an absent target leaves no copy (undo then removes the restored file).</summary>
    public static async Task KeepAsync(string target, string kept, CancellationToken ct)
    {
        if (!File.Exists(target))
        {
            return;
        }

        var directory = Path.GetDirectoryName(kept)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var source = File.OpenRead(target);
        await using (source.ConfigureAwait(false))
        {
            var copy = new FileStream(kept, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            await using (copy.ConfigureAwait(false))
            {
                await source.CopyToAsync(copy, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Puts the kept copy back over the target, keeping the target's mode; no copy: removes the target.</summary>
    public static void PutBack(string target, string kept)
    {
        if (!File.Exists(kept))
        {
            File.Delete(target);
            return;
        }

        Replace(kept, target);
    }

    /// <summary>Copies source over target atomically (a temporary file, then a rename), keeping the target's mode.</summary>
    public static void Replace(string source, string target)
    {
        var temporary = target + ".bt-tmp";
        File.Copy(source, temporary, overwrite: true);
        File.SetUnixFileMode(temporary, File.Exists(target) ? File.GetUnixFileMode(target) : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, target, overwrite: true);
    }
}
