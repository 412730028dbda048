namespace Backtrack.Swarm;

/// <summary>Where a service's update stands: done, still under way (with what it waits for), or failed for good.</summary>
public sealed record ConvergenceVerdict(bool Converged, bool Failed, string Detail)
{
    public static ConvergenceVerdict Done(string detail) => new(true, false, detail);

    public static ConvergenceVerdict Waiting(string detail) => new(false, false, detail);

    public static ConvergenceVerdict Failure(string detail) => new(false, true, detail);
}
