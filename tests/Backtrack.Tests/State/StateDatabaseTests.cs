using Backtrack.Execution;
using Backtrack.State;

namespace Backtrack.Tests.State;

/// <summary>
/// A state directory or database the file system refuses is bad config (one line naming the path), never
/// an unexpected error. Tests run as root, where permission bits refuse nothing: what fails for root too
/// is a file where the directory should be, a path under a file, and a database that is garbage or a directory.
/// </summary>
public sealed class StateDatabaseTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("backtrack-state-").FullName;

    public static TheoryData<string> UnusableDirectories => ["a-file", "a-file/state"];

    [Theory]
    [MemberData(nameof(UnusableDirectories))]
    public async Task Given_a_state_directory_that_cannot_be_one_when_opened_then_the_error_names_it_and_leaves_the_file(string relative)
    {
        var file = Path.Combine(directory, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var stateDirectory = Path.Combine(directory, relative);

        var error = await Assert.ThrowsAsync<BacktrackException>(() => StateDatabase.OpenAsync(stateDirectory, CancellationToken.None));

        Assert.StartsWith($"state directory {stateDirectory} cannot be used (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("set stateDir in backtrack.yml to a directory this user can create and write", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
    }

    [Theory]
    [MemberData(nameof(UnusableDirectories))]
    public async Task Given_a_state_directory_that_cannot_be_one_when_locked_then_the_error_names_it(string relative)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "a-file"), "not a directory");
        var stateDirectory = Path.Combine(directory, relative);

        var error = Assert.Throws<BacktrackException>(() => EnvironmentLock.Acquire(stateDirectory, "record", TimeProvider.System));

        Assert.StartsWith($"state directory {stateDirectory} cannot be used (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_garbage_in_the_database_when_opened_then_the_error_names_it_and_leaves_it_as_it_was()
    {
        var path = Path.Combine(directory, "backtrack.db");
        byte[] garbage = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 251))];
        await File.WriteAllBytesAsync(path, garbage);

        var error = await Assert.ThrowsAsync<BacktrackException>(() => StateDatabase.OpenAsync(directory, CancellationToken.None));

        Assert.StartsWith($"state database {path} cannot be read (", error.Message, StringComparison.Ordinal);
        Assert.Contains("move it aside and put back a copy from a backup", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Given_a_directory_where_the_database_should_be_when_opened_then_the_error_names_it()
    {
        var path = Path.Combine(directory, "backtrack.db");
        Directory.CreateDirectory(path);

        var error = await Assert.ThrowsAsync<BacktrackException>(() => StateDatabase.OpenAsync(directory, CancellationToken.None));

        Assert.StartsWith($"state database {path} cannot be read (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_fresh_directory_when_opened_then_it_and_the_database_are_private()
    {
        var stateDirectory = Path.Combine(directory, "new", "state");

        using (await StateDatabase.OpenAsync(stateDirectory, CancellationToken.None))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(stateDirectory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(stateDirectory, "backtrack.db")));
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
