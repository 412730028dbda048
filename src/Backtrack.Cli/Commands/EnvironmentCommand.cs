using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

/// <summary>Loads the configuration, selects the environment and hands it to the command.</summary>
public abstract class EnvironmentCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : EnvironmentSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var path = ConfigLoader.Locate(settings.Config, Directory.GetCurrentDirectory());
        var config = await ConfigLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        using var environment = new BacktrackEnvironment(config.Select(settings.Environment), warnings: Console.Error);
        return await ExecuteAsync(environment, settings, cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task<int> ExecuteAsync(BacktrackEnvironment environment, TSettings settings, CancellationToken ct);
}
