using Backtrack.Planning;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>Shows a plan: the same steps --dry-run prints and the executor runs.</summary>
public static class PlanView
{
    public static void Render(Plan plan)
    {
        AnsiConsole.MarkupLine($"[bold]Plan ({Format.Text(plan.Kind)}):[/] {Format.Text(plan.Summary)}");
        var number = 0;
        foreach (var (wave, index) in plan.Waves().Select((w, i) => (w, i)))
        {
            var parallel = wave.Count > 1 ? $" ({wave.Count} lanes in parallel)" : "";
            AnsiConsole.MarkupLine($"  [grey]stage {index + 1}{parallel}[/]");
            foreach (var step in wave.SelectMany(lane => lane))
            {
                AnsiConsole.MarkupLine($"  {++number,3}. [blue]{Format.Text(step.Lane)}[/]: {Format.Text(step.Describe())}");
            }
        }
    }

    public static object ToJson(Plan plan) => new
    {
        kind = plan.Kind,
        summary = plan.Summary,
        steps = plan.Steps.Select(s => new { stage = s.Wave, lane = s.Lane, action = s.Describe(), undo = s.DescribeCompensation() }),
    };
}
