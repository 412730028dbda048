namespace Backtrack.Tests;

/// <summary>A temporary folder, removed afterwards: the base of tests that write files.</summary>
public abstract class TemporaryFolder : IDisposable
{
    protected string Root { get; } = Directory.CreateTempSubdirectory("bt-unit-").FullName;

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}
