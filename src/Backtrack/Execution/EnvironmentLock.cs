using System.Diagnostics;
using System.Globalization;
using Backtrack.Planning;
using Backtrack.State;

namespace Backtrack.Execution;

/// <summary>
/// One mutating command per environment at a time. The lock is an exclusive flock on a file in the
/// state directory, so the kernel releases it when its process dies: a lock of a killed process is
/// recovered without guessing. Who holds it is written beside it, with the holder's process ID and start
/// time, for the refusal message and for <see cref="IsHeld"/>, which reads without taking the lock.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    /// <summary>How often a waiting command tries the lock again.</summary>
    private static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(200);

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
        var holderPath = HolderPath(stateDirectory);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(holderPath) ? File.ReadLines(holderPath).FirstOrDefault()?.Trim() : null;
            throw new ConflictException($"environment is locked by {holder ?? "another process"}; wait for it to finish (a lock of a process that died is freed by itself)");
        }
        catch (UnauthorizedAccessException e)
        {
            throw StateDirectory.Unusable(stateDirectory, e);
        }

        using var process = Process.GetCurrentProcess();
        try
        {
            File.WriteAllText(holderPath, string.Create(
                CultureInfo.InvariantCulture,
                $"'{command}' (pid {process.Id} on {Environment.MachineName}, user {Environment.UserName}) since {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z\n{process.Id} {StartTime(process.Id)}\n"));
        }
        catch (IOException e)
        {
            // A full disk: nothing could be journaled either, so nothing may start.
            handle.Dispose();
            throw new BacktrackException($"cannot write to the state directory {stateDirectory}: {e.Message}; free space there and retry (nothing was changed)", e);
        }

        return new EnvironmentLock(handle, holderPath);
    }

    /// <summary>
    /// As <see cref="Acquire"/>, waiting up to WAIT while another command holds the lock (a deploy that arrives
    /// while guard rolls back waits for it): told once through WAITING, tried again every poll interval.
    /// </summary>
    public static async Task<EnvironmentLock> AcquireAsync(string stateDirectory, string command, TimeProvider clock, TimeSpan wait, Action<string> waiting, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + wait;
        for (var told = false; ; told = true)
        {
            try
            {
                return Acquire(stateDirectory, command, clock);
            }
            catch (ConflictException e) when (clock.GetUtcNow() < deadline)
            {
                if (!told)
                {
                    waiting($"waiting up to {wait.TotalSeconds:0.#} s for the lock: {e.Message}");
                }
            }
            catch (ConflictException e)
            {
                throw new ConflictException($"{e.Message} (waited {wait.TotalSeconds:0.#} s; --lock-timeout waits longer)");
            }

            await Task.Delay(WaitPoll, clock, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether a live process holds the lock now, read from the holder file without taking the lock: a
    /// probe that took it for an instant would refuse a mutating command starting at that instant.
    /// </summary>
    public static bool IsHeld(string stateDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(HolderPath(stateDirectory));
        }
        catch (IOException)
        {
            return false;
        }

        var fields = lines.Length > 1 ? lines[1].Split(' ') : [];
        return fields.Length == 2 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out var pid) && StartTime(pid) is { } start && start == fields[1];
    }

    public void Dispose()
    {
        File.Delete(holderPath);
        handle.Dispose();
    }

    private static string HolderPath(string stateDirectory) => Path.Combine(stateDirectory, "lock.holder");

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat): a reused PID has another.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
