namespace Backtrack.Compose;

/// <summary>
/// Writes a project file (.env, compose or stack file) whole or not at all: a temporary file renamed over it,
/// its mode kept. A new file is 0600: an env file may hold secrets.
/// </summary>
public static class ProjectFileWriter
{
    public static async Task WriteAsync(string path, string text, CancellationToken ct)
    {
        var temporary = TemporaryFor(path);
        await File.WriteAllTextAsync(temporary, text, ct).ConfigureAwait(false);
        RenameOver(temporary, path);
    }

    /// <summary>Copies <paramref name="source"/> over <paramref name="path"/> (a fix's file, or the kept copy its undo puts back).</summary>
    public static void CopyOver(string source, string path)
    {
        var temporary = TemporaryFor(path);
        File.Copy(source, temporary, overwrite: true);
        RenameOver(temporary, path);
    }

    private static string TemporaryFor(string path) => path + ".bt-tmp";

    private static void RenameOver(string temporary, string path)
    {
        File.SetUnixFileMode(temporary, File.Exists(path) ? File.GetUnixFileMode(path) : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
