using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Execution;
using Backtrack.Notify;
using Backtrack.Planning;
using Spectre.Console;

namespace Backtrack.Cli.Commands;

/// <summary>The common end of every mutating command: show the plan, stop there on --dry-run, confirm, run, report.</summary>
public static class PlanRunner
{
    public static async Task<int> RunAsync(BacktrackEnvironment environment, MutatingSettings settings, string command, Plan plan, CancellationToken ct)
    {
        if (settings.Json && settings.DryRun)
        {
            Json.Write(PlanView.ToJson(plan));
        }
        else if (!settings.Json)
        {
            PlanView.Render(plan);
        }

        if (settings.DryRun || plan.IsEmpty)
        {
            return ExitCodes.Ok;
        }

        if (!settings.Yes && !Confirm())
        {
            await Console.Error.WriteLineAsync("declined; nothing was changed").ConfigureAwait(false);
            return ExitCodes.Declined;
        }

        using var notifier = WebhookNotifier.FromConfig(environment.Config, Console.Error);
        IExecutionObserver[] observers = notifier is null ? [new ProgressView(settings.Json)] : [new ProgressView(settings.Json), notifier];
        var result = await new OperationRunner(environment).RunAsync(plan, command, observers, ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write(new
            {
                operation = result.OperationId,
                outcome = result.Outcome,
                failedStep = result.FailedStep?.Describe(),
                error = result.Error,
                compensationErrors = result.CompensationErrors,
                seconds = result.Duration.TotalSeconds,
            });
        }

        return result.ExitCode;
    }

    /// <summary>
    /// The start of a command that changes the stack: the environment's lock (none for a dry run, which
    /// changes nothing), and a refusal while a killed operation left the stack half-done.
    /// </summary>
    public static async Task<EnvironmentLock?> LockForChangeAsync(BacktrackEnvironment environment, MutatingSettings settings, string command, CancellationToken ct)
    {
        var held = settings.DryRun ? null : environment.Lock(command);
        try
        {
            await EnsureNothingInterruptedAsync(environment, held, ct).ConfigureAwait(false);
            return held;
        }
        catch
        {
            held?.Dispose();
            throw;
        }
    }

    private static async Task EnsureNothingInterruptedAsync(BacktrackEnvironment environment, EnvironmentLock? held, CancellationToken ct)
    {
        var interrupted = await environment.InterruptedOperationsAsync(held, ct).ConfigureAwait(false);
        if (interrupted.Count > 0)
        {
            throw new ConflictException(
                $"operation {interrupted[0].Id} ({interrupted[0].Command}) was interrupted and left the stack half-done; run 'backtrack repair' first");
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
