using System.ComponentModel;
using Backtrack.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class InstallSettings : CommandSettings
{
    [CommandOption("--host <HOST>")]
    [Description("Where to install: [user@]host[:port], through the system ssh")]
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

/// <summary>backtrack install --host: the single file of the host's architecture, copied when missing or different.</summary>
public sealed class InstallCommand : AsyncCommand<InstallSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InstallSettings settings, CancellationToken cancellationToken)
    {
        var target = SshTarget.Parse(settings.Host);
        var result = await RemoteInstaller.InstallAsync(target, settings.Path, settings.From, cancellationToken);
        var what = $"backtrack-{result.Runtime} (sha256 {result.Sha256[..12]})";
        AnsiConsole.MarkupLine(Markup.Escape(result.Copied
            ? $"installed {what} at {target}:{result.Path}"
            : $"{target}:{result.Path} is already {what}; nothing copied"));
        return ExitCodes.Ok;
    }
}
