using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.FullSystem;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class SnapshotCreateSettings : EnvironmentSettings
{
    [CommandOption("--only <WHAT>")]
    [Description("databases, volumes, config, postgres or redis (default: everything)")]
    public string? Only { get; init; }

    [CommandOption("--note <TEXT>")]
    public string? Note { get; init; }
}

/// <summary>backtrack snapshot create [--only databases|volumes|config|postgres|redis]: a full snapshot, or a part of one.</summary>
public sealed class SnapshotCreateCommand : EnvironmentCommand<SnapshotCreateSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotCreateSettings settings, CancellationToken ct)
    {
        using var held = environment.Lock("snapshot create");
        var id = Plan.NewId(environment.Clock);
        var manifest = settings.Only switch
        {
            null or "volumes" or "config" => await new FullSnapshotCreator(environment.Engine, environment.Inspector, await environment.RecorderAsync(ct).ConfigureAwait(false), environment.Clock)
                .CreateAsync(environment.Config, id, "manual", Parts(settings.Only), settings.Note, new TransferProgressView(), ct).ConfigureAwait(false),
            _ => await new SnapshotCreator(environment.Engine, environment.Inspector, environment.Clock)
                .CreateAsync(environment.Config, id, "manual", SnapshotScopeOption.Parse(settings.Only, allowDatabases: true), new TransferProgressView(), ct).ConfigureAwait(false),
        };
        if (settings.Json)
        {
            Json.Write(manifest);
        }
        else
        {
            Console.WriteLine(
                $"snapshot {manifest.Id}: {manifest.Artifacts.Count} files, {TransferProgressView.Bytes(manifest.TotalBytes)} in {new SnapshotStore(environment.Config.Snapshots.Directory).PathOf(manifest.Id)}");
        }

        return ExitCodes.Ok;
    }

    private static SnapshotParts Parts(string? only) => only switch
    {
        "volumes" => SnapshotParts.Volumes,
        "config" => SnapshotParts.Config,
        _ => SnapshotParts.All,
    };
}
