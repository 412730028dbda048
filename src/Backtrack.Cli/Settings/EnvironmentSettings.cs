using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Settings;

/// <summary>Options every command that works on an environment takes.</summary>
public class EnvironmentSettings : CommandSettings
{
    [CommandOption("-c|--config <FILE>")]
    [Description("Configuration file (default: ./backtrack.yml)")]
    public string? Config { get; init; }

    [CommandOption("-e|--env <NAME>")]
    [Description("Environment (default: the first in the file)")]
    public string? Environment { get; init; }

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table or json")]
    [DefaultValue("table")]
    public string Output { get; init; } = "table";

    [CommandOption("-v|--verbose")]
    [Description("Show stack traces of errors")]
    public bool Verbose { get; init; }

    public bool Json => Output == "json";

    public override ValidationResult Validate() =>
        Output is "table" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--output must be 'table' or 'json', not '{Output}'");
}
