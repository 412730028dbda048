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

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
