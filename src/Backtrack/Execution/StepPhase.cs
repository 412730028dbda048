namespace Backtrack.Execution;

public enum StepPhase
{
    Apply,
    Compensate,
}
