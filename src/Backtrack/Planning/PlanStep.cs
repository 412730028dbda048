namespace Backtrack.Planning;

/// <summary>
/// One step of a plan: an immutable record that says what it will do in one line, does it, and, where
/// it changed something, knows how to undo it. Steps of the same wave and different lanes run in parallel.
/// </summary>
public abstract record PlanStep(int Wave, string Lane)
{
    /// <summary>One line for the dry-run plan, the progress view and the journal.</summary>
    public abstract string Describe();

    public abstract Task ApplyAsync(StepContext context, CancellationToken ct);

    /// <summary>What undoing this step does, or null for a step that changes nothing.</summary>
    public virtual string? DescribeCompensation() => null;

    /// <summary>A best-effort step (cleanup after success): its failure is journaled but undoes nothing.</summary>
    public virtual bool BestEffort => false;

    public virtual Task CompensateAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;
}
