namespace Backtrack.Guard.Signals;

/// <summary>What a signal says: all well, the deploy is failing, or the signal could not be read (never a reason to roll back by itself).</summary>
public enum SignalState
{
    Ok,
    Failing,
    Unavailable,
}
