using System.Diagnostics;
using System.Globalization;
using Backtrack.Planning;
using Backtrack.State;

namespace Backtrack.Execution;

/// <summary>
/// One mutating command per environment at a time. The lock is an exclusive flock on a file in the
/// state directory, so the kernel releases it when its process dies: a lock of a killed process is
/// recovered without guessing. Who holds it is written beside it for the refusal message.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    private readonly FileStream handle;
    private readonly string holderPath;

    private EnvironmentLock(FileStream handle, string holderPath)
    {
        this.handle = handle;
        this.holderPath = holderPath;
    }

    public static EnvironmentLock Acquire(string stateDirectory, string command, TimeProvider clock)
    {
        StateDirectory.Ensure(stateDirectory);
        var path = Path.Combine(stateDirectory, "lock");
        var holderPath = Path.Combine(stateDirectory, "lock.holder");
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : "another process";
            throw new ConflictException($"environment is locked by {holder}; wait for it to finish (a lock of a process that died is freed by itself)");
        }
        catch (UnauthorizedAccessException e)
        {
            throw StateDirectory.Unusable(stateDirectory, e);
        }

        using var process = Process.GetCurrentProcess();
        File.WriteAllText(holderPath, string.Create(
            CultureInfo.InvariantCulture,
            $"'{command}' (pid {process.Id} on {Environment.MachineName}, user {Environment.UserName}) since {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z"));
        return new EnvironmentLock(handle, holderPath);
    }

    /// <summary>Whether a live process holds the lock now.</summary>
    public static bool IsHeld(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "lock");
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        File.Delete(holderPath);
        handle.Dispose();
    }
}
