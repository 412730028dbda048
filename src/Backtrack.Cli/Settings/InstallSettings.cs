using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class InstallSettings : CommandSettings
{
    [CommandOption("--host <HOST>")]
    [Description("Where to install: [[user@]]host[[:port]], through the system ssh")]
    public string Host { get; init; } = "";

    [CommandOption("--path <DIR>")]
    [Description("The folder on the host (default: /usr/local/bin)")]
    public string Path { get; init; } = "/usr/local/bin";

    [CommandOption("--from <DIR>")]
    [Description("The folder holding scripts/package.sh's files (default: ./dist)")]
    public string From { get; init; } = "dist";

    public override ValidationResult Validate() =>
        Host.Length == 0 ? ValidationResult.Error("--host is required: backtrack install --host [user@]host[:port]") : ValidationResult.Success();
}
