using Backtrack.Execution;
using Backtrack.Planning;

namespace Backtrack.Operations;

/// <summary>
/// One repair for every command: the operations that need it (killed, or ended with a failed undo) are
/// rebuilt from the journal, and the steps they applied — or started: a kill may hit a step midway — are
/// undone newest first (undos are idempotent), skipping undos that already succeeded, in the operation itself
/// or in an earlier repair. An operation that had started a point of no return (a push, the removal of the old container)
/// is completed forward: the steps it had not completed run again.
/// </summary>
public sealed class RepairPlanner(JournalReader journal, TimeProvider clock)
{
    public const string Kind = "repair";

    public async Task<Plan> PlanAsync(IReadOnlyList<OperationRecord> pending, CancellationToken ct)
    {
        var history = await journal.ListAsync(int.MaxValue, ct).ConfigureAwait(false);
        var steps = new List<PlanStep>();
        var summaries = new List<string>();
        foreach (var operation in pending)
        {
            var plan = await journal.PlanAsync(operation.Id, ct).ConfigureAwait(false);
            var applied = operation.Steps.Where(s => s.Phase == "apply" && s.Index is not null && s.Outcome != "failed").ToList();
            var completed = applied.Where(s => s.Outcome == "ok").Select(s => s.Index!.Value).ToHashSet();
            var started = applied.Select(s => s.Index!.Value).ToHashSet();
            var wave = steps.Count == 0 ? 0 : steps.Max(s => s.Wave) + 1;

            // Started is enough: a kill midway may land after the push reached the remote (or the old container was removed).
            if (plan.Any(p => p.Step.PointOfNoReturn && started.Contains(p.Index)))
            {
                var rest = plan.Where(p => !completed.Contains(p.Index)).ToList();
                steps.AddRange(rest.Select(p => p.Step with { Wave = wave + p.Step.Wave }));
                summaries.Add($"complete {operation.Id} ({operation.Command}) forward: it passed a point of no return; {rest.Count} step(s) left");
                continue;
            }

            var undone = await UndoneAsync(operation, history, ct).ConfigureAwait(false);
            var toUndo = applied
                .OrderByDescending(s => s.Sequence)
                .Select(s => plan.First(p => p.Index == s.Index))
                .Where(p => p.Step.DescribeCompensation() is not null && !undone.Contains(p.Index))
                .ToList();
            steps.AddRange(toUndo.Select((p, i) => (PlanStep)new UndoStep(wave + i, operation.Id, p.Index, p.Step)));
            summaries.Add(toUndo.Count == 0
                ? $"close {operation.Id} ({operation.Command}): nothing it changed is left to undo"
                : $"undo {toUndo.Count} step(s) of {operation.Id} ({operation.Command}), newest first");
        }

        var summary = summaries.Count == 0 ? "nothing to repair" : string.Join("; ", summaries);
        return new Plan(Plan.NewId(clock), Kind, summary, steps);
    }

    /// <summary>Steps of the operation whose undo already succeeded: in the operation itself, or in an earlier repair of it.</summary>
    private async Task<HashSet<int>> UndoneAsync(OperationRecord operation, IReadOnlyList<OperationRecord> history, CancellationToken ct)
    {
        var undone = operation.Steps.Where(s => s.Phase == "compensate" && s.Outcome == "ok" && s.Index is not null).Select(s => s.Index!.Value).ToHashSet();
        foreach (var repair in history.Where(o => o.Kind == Kind && o.Started >= operation.Started))
        {
            var done = repair.Steps.Where(s => s.Phase == "apply" && s.Outcome == "ok" && s.Index is not null).Select(s => s.Index!.Value).ToHashSet();
            foreach (var step in await journal.PlanAsync(repair.Id, ct).ConfigureAwait(false))
            {
                if (step.Step is UndoStep undo && undo.OperationId == operation.Id && done.Contains(step.Index))
                {
                    undone.Add(undo.Index);
                }
            }
        }

        return undone;
    }
}
