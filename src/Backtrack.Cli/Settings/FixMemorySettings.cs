using System.ComponentModel;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class FixMemorySettings : VerifyingSettings
{
    [CommandArgument(0, "<SERVICE>")]
    [Description("The leaking service")]
    public string Service { get; init; } = "";

    [CommandOption("--limit <SIZE>")]
    [Description("The new memory limit: 512m, 2g, ...")]
    public string Limit { get; init; } = "";

    [CommandOption("--restart")]
    [Description("Restart the service too (frees what it leaked)")]
    public bool Restart { get; init; }
}
