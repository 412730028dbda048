using System.ComponentModel;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

public sealed class FixConfigSettings : VerifyingSettings
{
    [CommandOption("--from <FILE|SNAPSHOT>")]
    [Description("The saved env file, or a snapshot ID, to restore .env from (default: .env.backup beside the Compose file)")]
    public string? From { get; init; }
}
