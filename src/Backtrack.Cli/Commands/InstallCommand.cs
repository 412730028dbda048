using Backtrack.Cli.Settings;
using Backtrack.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

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
