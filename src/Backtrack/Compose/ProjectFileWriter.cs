namespace Backtrack.Compose;

/// <summary>Writes a project file (.env, compose or stack file) whole or not at all: a temporary file renamed over it, its mode kept.</summary>
public static class ProjectFileWriter
{
    /// <summary>A new file is 0600: an env file may hold secrets.</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken ct)
    {
        var temporary = path + ".bt-tmp";
        await File.WriteAllTextAsync(temporary, text, ct).ConfigureAwait(false);
        File.SetUnixFileMode(temporary, File.Exists(path) ? File.GetUnixFileMode(path) : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
