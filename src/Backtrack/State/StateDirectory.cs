namespace Backtrack.State;

/// <summary>
/// The environment's state directory (database, lock, kept files), created on first use, 0700. A path
/// that cannot be one (a file, a path under a file, no permission, a read-only file system) is bad
/// config: one line naming the path, exit 2.
/// </summary>
public static class StateDirectory
{
    public static void Ensure(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, e);
        }
    }

    /// <summary>The error for a state directory (or a file in it) that the file system refuses.</summary>
    public static BacktrackException Unusable(string path, Exception e) =>
        new($"state directory {path} cannot be used ({e.Message.TrimEnd('.')}); set stateDir in backtrack.yml to a directory this user can create and write", e);
}
