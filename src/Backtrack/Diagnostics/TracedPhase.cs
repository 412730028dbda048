using System.Diagnostics;

namespace Backtrack.Diagnostics;

/// <summary>One phase of <see cref="TimingTrace"/>: written with its duration when disposed (nothing when the name is null: tracing off).</summary>
public readonly record struct TracedPhase(string? Name, long Started) : IDisposable
{
    public void Dispose()
    {
        if (Name is not null)
        {
            TimingTrace.Write(Name, Stopwatch.GetElapsedTime(Started));
        }
    }
}
