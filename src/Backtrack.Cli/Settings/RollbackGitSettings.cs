using System.ComponentModel;
using Backtrack.Git;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class RollbackGitSettings : VerifyingSettings
{
    [CommandOption("--to <TARGET>")]
    [Description("last-good (default: the commit of the newest release recorded healthy), or a commit")]
    [DefaultValue(GitRollbackRequest.LastGood)]
    public string To { get; init; } = GitRollbackRequest.LastGood;

    [CommandOption("--mode <MODE>")]
    [Description("revert (default: one revert commit for the whole range) or reset (reset --hard, push --force-with-lease)")]
    [DefaultValue("revert")]
    public string Mode { get; init; } = "revert";

    [CommandOption("--push")]
    [Description("Push the branch (after the health gate when a redeploy command is configured)")]
    public bool Push { get; init; }

    [CommandOption("--force")]
    [Description("Allow --mode reset on a branch the config marks protected")]
    public bool Force { get; init; }

    [CommandOption("--before <TIME>")]
    [Description("With no recorded history: the last commit before TIME (git's dates: '2 hours ago', 2026-11-24T13:00)")]
    public string? Before { get; init; }

    public override ValidationResult Validate() =>
        Mode is not ("revert" or "reset") ? ValidationResult.Error($"--mode must be 'revert' or 'reset', not '{Mode}'") : base.Validate();
}
