using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Planning;
using Spectre.Console;

namespace Backtrack.Cli.Views;

/// <summary>Shows a plan: the same steps --dry-run prints and the executor runs.</summary>
public static class PlanView
{
    public static void Render(Plan plan) => Render(plan, AnsiConsole.Console);

    /// <summary>The plan as the plain text --dry-run prints (the status page shows it before a confirmation).</summary>
    public static string Text(Plan plan)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        Render(plan, console);
        return writer.ToString();
    }

    private static void Render(Plan plan, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]Plan ({Format.Text(plan.Kind)}):[/] {Format.Text(plan.Summary)}");
        var number = 0;
        foreach (var (wave, index) in plan.Waves().Select((w, i) => (w, i)))
        {
            var parallel = wave.Count > 1 ? $" ({wave.Count} lanes in parallel)" : "";
            console.MarkupLine($"  [grey]stage {index + 1}{parallel}[/]");
            foreach (var step in wave.SelectMany(lane => lane))
            {
                console.MarkupLine($"  {++number,3}. [blue]{Format.Text(step.Lane)}[/]: {Format.Text(step.Describe())}");
            }
        }
    }

    public static PlanJson ToJson(Plan plan) =>
        new(plan.Kind, plan.Summary, plan.Steps.Select(s => new PlanStepJson(s.Wave, s.Lane, s.Describe(), s.DescribeCompensation())).ToList());
}
