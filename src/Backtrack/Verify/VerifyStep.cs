using Backtrack.Planning;

namespace Backtrack.Verify;

/// <summary>
/// The last step of a rollback: runs the checklist and journals every result. Best effort: a failed
/// check is reported (the step fails) but never undoes a swap that passed its health gates.
/// </summary>
[StepKind("verify")]
public sealed record VerifyStep(int Wave, TimeSpan Window) : PlanStep(Wave, "verify"), IChecklistStep
{
    public override string Describe() =>
        $"check every service running and healthy, no error lines in the last {Window.TotalMinutes:0.#} min, restart counts steady, databases answer, free disk";

    public override bool BestEffort => true;

    /// <summary>The plan with the checklist as its last wave (unchanged when empty, not wanted, or already there).</summary>
    public static Plan AppendTo(Plan plan, TimeSpan window, bool wanted) =>
        plan.IsEmpty || !wanted || plan.Steps.Any(s => s is VerifyStep)
            ? plan
            : plan with { Steps = [.. plan.Steps, new VerifyStep(plan.Steps.Max(s => s.Wave) + 1, window)] };

    public override async Task ApplyAsync(StepContext context, CancellationToken ct)
    {
        if (context.Verifier is not { } verifier || context.Verifications is not { } store)
        {
            throw new BacktrackException("verification is not available in this context");
        }

        var report = await verifier.RunAsync(context.Environment, Window, ct, context.RestartWatch).ConfigureAwait(false);
        await ConcludeAsync(context, store, report, ct).ConfigureAwait(false);
    }

    /// <summary>The operation's one checklist result: published into its outcome, journaled, and a failed check fails the step.</summary>
    public static async Task ConcludeAsync(StepContext context, VerificationStore store, VerifyReport report, CancellationToken ct)
    {
        context.Publish(report);
        await store.SaveAsync(context.OperationId, report, ct).ConfigureAwait(false);
        if (!report.Passed)
        {
            throw new BacktrackException($"verification failed: {report.FailureSummary()}");
        }
    }
}
