using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Backtrack.Diagnostics;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

/// <summary>Loads the configuration, selects the environment and hands it to the command.</summary>
public abstract class EnvironmentCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : EnvironmentSettings
{
    /// <summary>What follows '--' on the command line (deploy's command).</summary>
    protected IReadOnlyList<string> RemainingArguments { get; private set; } = [];

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        // From the process' start: less 'startup to Main', the command line's parsing and binding.
        TimingTrace.SinceProcessStart("command line parsed");
        RemainingArguments = context.Remaining.Raw.ToList();
        EnvironmentConfig selected;
        using (TimingTrace.Phase("config load"))
        {
            var path = ConfigLoader.Locate(settings.Config, Directory.GetCurrentDirectory());
            var config = await ConfigLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            selected = config.Select(settings.Environment);
        }

        if (!WorksOnSwarm)
        {
            selected.RequireCompose(OnSwarmInstead);
        }

        if (!WorksOnHosts)
        {
            selected.RequireSingleHost(context.Name);
        }

        using var environment = new BacktrackEnvironment(selected, warnings: Console.Error);
        return await ExecuteAsync(environment, settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the command works on a swarm environment yet; the others refuse it in one line before anything happens.</summary>
    protected virtual bool WorksOnSwarm => false;

    /// <summary>Why a command that does not work on a swarm does not, and what to use there instead: said in its refusal.</summary>
    protected virtual string? OnSwarmInstead => null;

    /// <summary>Whether the command works on an environment with hosts: yet; the others refuse it in one line before anything happens.</summary>
    protected virtual bool WorksOnHosts => false;

    protected abstract Task<int> ExecuteAsync(BacktrackEnvironment environment, TSettings settings, CancellationToken ct);
}
