namespace Backtrack.Engine.Docker;

/// <summary>An IProgress that reports on the caller's thread, so the value is there when the call returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
