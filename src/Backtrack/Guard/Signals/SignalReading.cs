namespace Backtrack.Guard.Signals;

/// <summary>One reading of a signal with a line saying what was seen (never a secret: counts, statuses, names).</summary>
public sealed record SignalReading(SignalState State, string Detail)
{
    public static SignalReading Ok(string detail) => new(SignalState.Ok, detail);

    public static SignalReading Failing(string detail) => new(SignalState.Failing, detail);

    public static SignalReading Unavailable(string detail) => new(SignalState.Unavailable, detail);
}
