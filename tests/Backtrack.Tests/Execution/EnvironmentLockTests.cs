using Backtrack.Execution;
using Backtrack.Planning;

namespace Backtrack.Tests.Execution;

public sealed class EnvironmentLockTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-lock-").FullName;

    [Fact]
    public void Given_a_held_lock_when_another_command_asks_then_it_is_refused_naming_the_holder()
    {
        using var held = EnvironmentLock.Acquire(directory, "rollback all", TimeProvider.System);

        var refused = Assert.Throws<ConflictException>(() => EnvironmentLock.Acquire(directory, "repair", TimeProvider.System));

        Assert.Contains("locked by 'rollback all' (pid ", refused.Message);
        Assert.True(EnvironmentLock.IsHeld(directory));
    }

    [Fact]
    public void Given_a_released_lock_when_asked_again_then_it_is_granted()
    {
        EnvironmentLock.Acquire(directory, "rollback all", TimeProvider.System).Dispose();

        using var again = EnvironmentLock.Acquire(directory, "repair", TimeProvider.System);

        Assert.True(File.Exists(Path.Combine(directory, "lock.holder")));
    }

    [Fact]
    public async Task Given_status_probing_in_a_loop_when_commands_take_the_lock_then_none_is_refused()
    {
        using var probing = new CancellationTokenSource();
        var probes = 0;
        var prober = Task.Run(() =>
        {
            while (!probing.IsCancellationRequested && probes < 10_000_000)
            {
                EnvironmentLock.IsHeld(directory);
                Interlocked.Increment(ref probes);
            }
        });

        // Take the lock over and over while the prober runs (it may start late on a loaded machine): bounded in count and time.
        var until = DateTime.UtcNow.AddSeconds(20);
        for (var taken = 0; taken < 200 || (Volatile.Read(ref probes) < 1000 && DateTime.UtcNow < until); taken++)
        {
            EnvironmentLock.Acquire(directory, "rollback all", TimeProvider.System).Dispose();
        }

        await probing.CancelAsync();
        await prober;
        Assert.True(probes >= 1000, $"the prober ran only {probes} times");
    }

    [Fact]
    public void Given_a_holder_file_of_a_process_that_died_when_probed_then_the_lock_is_not_held()
    {
        File.WriteAllText(Path.Combine(directory, "lock.holder"), "'rollback all' (pid 999999 ...)\n999999 12345\n");

        Assert.False(EnvironmentLock.IsHeld(directory));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
