using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Operations;
using Backtrack.Planning;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>The common end of every mutating command: show the plan, stop there on --dry-run, confirm, run through the session, render the outcome.</summary>
public static class PlanRunner
{
    /// <summary>As the summary says; <paramref name="succeeded"/> gets the outcome of an operation that succeeded, after it is rendered.</summary>
    public static async Task<int> RunAsync(
        OperationSession session, MutatingSettings settings, Plan plan, CancellationToken ct, Func<OperationOutcome, Task>? succeeded = null)
    {
        if (settings.Json && settings.DryRun)
        {
            Json.Write(PlanView.ToJson(plan));
        }
        else if (!settings.Json)
        {
            PlanView.Render(plan);
        }

        // A repair with nothing left to undo still runs: closing the operations it repairs is its work.
        if (settings.DryRun || (plan.IsEmpty && session.Repairing.Count == 0))
        {
            return ExitCodes.Ok;
        }

        if (!settings.Yes && !Confirm())
        {
            await Console.Error.WriteLineAsync("declined; nothing was changed").ConfigureAwait(false);
            return ExitCodes.Declined;
        }

        var outcome = await session.RunAsync(plan, [new ProgressView(settings.Json)], ct).ConfigureAwait(false);
        await RenderAsync(outcome, settings.Json).ConfigureAwait(false);
        if (outcome.ExitCode == ExitCodes.Ok && succeeded is not null)
        {
            await succeeded(outcome).ConfigureAwait(false);
        }

        return outcome.ExitCode;
    }

    /// <summary>The outcome as JSON, or the checklist the operation ended with and any journal trouble as text.</summary>
    public static async Task RenderAsync(OperationOutcome outcome, bool json)
    {
        var result = outcome.Execution;
        if (json)
        {
            Json.Write(new OutcomeJson(
                result.OperationId,
                result.Outcome,
                result.Outcome == Execution.ExecutionOutcome.Succeeded || result.ChangedAnything,
                result.FailedStep?.Describe(),
                result.Error,
                result.CompensationErrors,
                result.ObserverErrors,
                outcome.Verification,
                result.Duration.TotalSeconds));
            return;
        }

        if (outcome.Verification is { } report)
        {
            VerifyView.Render(report);
            if (!report.Passed)
            {
                await Console.Error.WriteLineAsync($"warning: the operation succeeded but verification failed: {report.FailureSummary()}").ConfigureAwait(false);
            }
        }

        foreach (var error in result.ObserverErrors)
        {
            await Console.Error.WriteLineAsync($"warning: {error}; run 'backtrack repair' once the state directory takes writes again").ConfigureAwait(false);
        }
    }

    private static bool Confirm()
    {
        if (Console.IsInputRedirected)
        {
            throw new BacktrackException("confirmation needed but there is no terminal; rerun with --yes, or with --dry-run to see the plan");
        }

        // The console holds a line until it ends or is flushed (it redacts whole lines); the terminal echoes the answer.
        AnsiConsole.Markup("Proceed? [[y/N]] ");
        Console.Out.Flush();
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
