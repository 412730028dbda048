using Backtrack.Execution;
using Backtrack.Planning;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>Prints each step as it ends, with its time; on stderr when stdout carries JSON.</summary>
public sealed class ProgressView(bool quiet) : IExecutionObserver
{
    private readonly Dictionary<int, DateTimeOffset> started = [];
    private readonly IAnsiConsole console = quiet
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;

    public Task OperationStartedAsync(string operationId, Plan plan, CancellationToken ct)
    {
        console.MarkupLine($"[grey]operation {operationId}[/]");
        return Task.CompletedTask;
    }

    public Task StepStartedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, CancellationToken ct)
    {
        lock (started)
        {
            started[sequence] = DateTimeOffset.UtcNow;
        }

        return Task.CompletedTask;
    }

    public Task StepEndedAsync(string operationId, int sequence, PlanStep step, StepPhase phase, Exception? error, CancellationToken ct)
    {
        TimeSpan took;
        lock (started)
        {
            took = DateTimeOffset.UtcNow - started[sequence];
        }

        var text = phase == StepPhase.Apply ? step.Describe() : "undo: " + step.DescribeCompensation();
        var mark = error is null ? "[green]ok[/]  " : "[red]FAIL[/]";
        console.MarkupLine($"  {mark} [blue]{Format.Text(step.Lane)}[/]: {Format.Text(text)} [grey]({Format.Duration(took)})[/]");
        if (error is not null)
        {
            console.MarkupLine($"       [red]{Format.Text(error.Message)}[/]");
        }

        return Task.CompletedTask;
    }

    public Task OperationEndedAsync(string operationId, ExecutionResult result, CancellationToken ct)
    {
        console.MarkupLine(result.Outcome switch
        {
            ExecutionOutcome.Succeeded => $"[green]done in {Format.Duration(result.Duration)}[/]",
            ExecutionOutcome.RolledBack when !result.ChangedAnything => $"[red]failed: {Format.Text(result.Error ?? "")}[/]; [yellow]nothing was changed[/]",
            ExecutionOutcome.RolledBack => $"[red]failed: {Format.Text(result.Error ?? "")}[/]; [yellow]restored what ran before[/]",
            _ => $"[red]failed: {Format.Text(result.Error ?? "")}; restoring failed too: {Format.Text(string.Join("; ", result.CompensationErrors))}[/]",
        });
        return Task.CompletedTask;
    }
}
