using System.Text.Json.Serialization;

namespace Backtrack.Planning;

/// <summary>
/// One step of a plan: an immutable record that says what it will do in one line, does it, and, where
/// it changed something, knows how to undo it. Steps of the same wave and different lanes run in parallel.
/// Its public properties are its parameters: the journal keeps them, with its <see cref="Kind"/>, before it runs.
/// </summary>
public abstract record PlanStep(int Wave, string Lane)
{
    /// <summary>The stable kind name from <see cref="StepKindAttribute"/>.</summary>
    [JsonIgnore]
    public string Kind => StepCatalog.KindOf(GetType());

    /// <summary>One line for the dry-run plan, the progress view and the journal.</summary>
    public abstract string Describe();

    public abstract Task ApplyAsync(StepContext context, CancellationToken ct);

    /// <summary>What undoing this step does, or null for a step that changes nothing.</summary>
    public virtual string? DescribeCompensation() => null;

    /// <summary>A best-effort step (cleanup after success): its failure is journaled but undoes nothing.</summary>
    [JsonIgnore]
    public virtual bool BestEffort => false;

    /// <summary>
    /// Once this step has started the operation cannot be undone (a push may have reached the remote, the old
    /// container may be removed): repair completes the operation forward instead, running this step again.
    /// </summary>
    [JsonIgnore]
    public virtual bool PointOfNoReturn => false;

    /// <summary>
    /// Undoes the step. It must be idempotent and safe when the step never ran or ran only partly: repair
    /// runs it after a kill at any point, and again after a repair that was killed itself.
    /// </summary>
    public virtual Task CompensateAsync(StepContext context, CancellationToken ct) => Task.CompletedTask;
}
