using System.ComponentModel;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

/// <summary>Options of commands that change the stack: show the plan only, or skip the confirmation.</summary>
public class MutatingSettings : EnvironmentSettings
{
    [CommandOption("--dry-run")]
    [Description("Print the plan and change nothing")]
    public bool DryRun { get; init; }

    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation")]
    public bool Yes { get; init; }
}
