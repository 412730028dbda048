using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class FixModelSettings : VerifyingSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("The file, relative to the deploy repository (git.path), e.g. models/yolov8.pt")]
    public string Path { get; init; } = "";

    [CommandOption("--to <COMMIT>")]
    [Description("The commit to take the file from (default: HEAD~1)")]
    [DefaultValue("HEAD~1")]
    public string To { get; init; } = "HEAD~1";

    [CommandOption("--restart <SERVICE>")]
    [Description("The service that reads the file: restarted on the restored file, then health-gated")]
    public string? Restart { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Restart) ? ValidationResult.Error("--restart SERVICE is required: the service that reads the file") : base.Validate();
}
