using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class SnapshotCreateSettings : EnvironmentSettings
{
    [CommandOption("--only <WHAT>")]
    [Description("databases (default), postgres or redis")]
    public string? Only { get; init; }
}

/// <summary>backtrack snapshot create --only databases: dumps the databases into a new verified-on-write snapshot.</summary>
public sealed class SnapshotCreateCommand : EnvironmentCommand<SnapshotCreateSettings>
{
    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotCreateSettings settings, CancellationToken ct)
    {
        var scope = SnapshotScopeOption.Parse(settings.Only, allowDatabases: true);
        using var held = environment.Lock("snapshot create");
        var creator = new SnapshotCreator(environment.Engine, environment.Inspector, environment.Clock);
        var manifest = await creator.CreateAsync(environment.Config, Plan.NewId(environment.Clock), "manual", scope, new TransferProgressView(), ct)
            .ConfigureAwait(false);
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
}
