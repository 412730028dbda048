using Backtrack.State;

namespace Backtrack.Tests.State;

/// <summary>A real state database in a temporary state directory, removed afterwards: the base of tests that journal.</summary>
public abstract class TemporaryStateDatabase : IAsyncLifetime
{
    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bt-state-").FullName;

    protected StateDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await StateDatabase.OpenAsync(Directory, CancellationToken.None);

    public Task DisposeAsync()
    {
        Database.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
