using System.ComponentModel;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

/// <summary>Options of commands that end with the verification checklist, as every rollback and fix does.</summary>
public class VerifyingSettings : MutatingSettings
{
    [CommandOption("--no-verify")]
    [Description("Skip the verification checklist at the end (it observes restarts for verify.restartWindow, 10s by default)")]
    public bool NoVerify { get; init; }
}
