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

    [Fact]
    public async Task Given_a_held_lock_when_a_command_waits_for_it_then_it_says_so_once_and_gets_it_when_released()
    {
        var held = EnvironmentLock.Acquire(directory, "guard", TimeProvider.System);
        var said = new List<string>();
        var waiting = new TaskCompletionSource();

        var waiter = EnvironmentLock.AcquireAsync(directory, "deploy", TimeProvider.System, TimeSpan.FromMinutes(1), line =>
        {
            said.Add(line);
            waiting.TrySetResult();
        }, CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        held.Dispose();
        using var granted = await waiter.WaitAsync(TimeSpan.FromSeconds(30));

        var line = Assert.Single(said);
        Assert.StartsWith("waiting up to 60 s for the lock: environment is locked by 'guard' (pid ", line);
        Assert.Contains("'deploy'", await File.ReadAllTextAsync(Path.Combine(directory, "lock.holder")));
    }

    [Fact]
    public async Task Given_a_lock_held_longer_than_the_wait_when_a_command_waits_then_it_is_refused_saying_how_long_it_waited()
    {
        using var held = EnvironmentLock.Acquire(directory, "guard", TimeProvider.System);

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            EnvironmentLock.AcquireAsync(directory, "deploy", TimeProvider.System, TimeSpan.FromMilliseconds(500), _ => { }, CancellationToken.None));

        Assert.Contains("locked by 'guard'", refused.Message);
        Assert.EndsWith("(waited 0.5 s; --lock-timeout waits longer)", refused.Message);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
