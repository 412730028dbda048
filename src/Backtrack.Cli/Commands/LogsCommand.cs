using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Backtrack.Engine;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class LogsSettings : EnvironmentSettings
{
    [CommandArgument(0, "<SERVICE>")]
    public string Service { get; init; } = "";

    [CommandOption("-n|--tail <N>")]
    [Description("Only the last N lines")]
    public int? Tail { get; init; }

    [CommandOption("--since <DURATION>")]
    [Description("Only lines newer than this, e.g. 5m")]
    public string? Since { get; init; }

    [CommandOption("-f|--follow")]
    [Description("Keep printing new lines until Ctrl+C")]
    public bool Follow { get; init; }

    [CommandOption("-t|--timestamps")]
    public bool Timestamps { get; init; }
}

/// <summary>
/// backtrack logs SERVICE: the container's log through the engine API (on a swarm, the service's: every
/// task's lines), stdout to stdout, stderr to stderr.
/// </summary>
public sealed class LogsCommand : EnvironmentCommand<LogsSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, LogsSettings settings, CancellationToken ct)
    {
        var since = settings.Since is null ? (DateTimeOffset?)null : environment.Clock.GetUtcNow() - Durations.Parse(settings.Since, "--since", Durations.LookBackMaximum);
        var query = new LogQuery(settings.Tail, since, settings.Follow, settings.Timestamps);
        await foreach (var line in (await ReadAsync(environment, settings.Service, query, ct).ConfigureAwait(false)).ConfigureAwait(false))
        {
            var writer = line.Source == LogSource.Stderr ? Console.Error : Console.Out;
            await writer.WriteLineAsync(line.Text.AsMemory(), ct).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<IAsyncEnumerable<LogLine>> ReadAsync(BacktrackEnvironment environment, string service, LogQuery query, CancellationToken ct)
    {
        if (environment.Config.Backend is Backend.Swarm)
        {
            var found = await environment.Stack.RequireAsync(environment.Config, service, ct).ConfigureAwait(false);
            return environment.Engine.ReadServiceLogsAsync(found.Details!.Id, query, ct);
        }

        var container = await environment.Inspector.RequireAsync(environment.Config, service, ct).ConfigureAwait(false);
        return environment.Engine.ReadLogsAsync(container.Id, query, ct);
    }
}
