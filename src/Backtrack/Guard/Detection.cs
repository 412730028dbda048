namespace Backtrack.Guard;

/// <summary>Why a watch window failed: which signal saw what on which service (or query), and when.</summary>
public sealed record Detection(DateTimeOffset At, string Signal, string Subject, string Detail)
{
    public string Describe() => $"{Subject}: {Detail} ({Signal}, detected {At.UtcDateTime:HH:mm:ss.fff} UTC)";
}
