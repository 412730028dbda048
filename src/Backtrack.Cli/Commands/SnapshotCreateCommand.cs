using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.FullSystem;
using Backtrack.FullSystem.Steps;
using Backtrack.Operations;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Offsite;
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
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotCreateSettings settings, CancellationToken ct)
    {
        // The lock is the snapshot's only: an offsite copy afterwards (snapshots.copyTo) changes no environment.
        OperationOutcome outcome;
        var session = await environment.Operations.BeginOnAnyBackendAsync("snapshot create", dryRun: false, ct).ConfigureAwait(false);
        try
        {
            var id = Plan.NewId(environment.Clock);
            var step = settings.Only switch
            {
                null or "volumes" or "config" => new CreateSnapshotStep(0, id, Parts(settings.Only), null, settings.Note),
                _ => new CreateSnapshotStep(0, id, SnapshotParts.Databases, SnapshotScopeOption.Parse(settings.Only, allowDatabases: true), settings.Note),
            };
            outcome = await session.RunAsync(new Plan(id, "snapshot", step.Describe(), [step]), [], ct,
                new Dictionary<Type, object> { [typeof(IProgress<TransferProgress>)] = new TransferProgressView() }).ConfigureAwait(false);
        }
        finally
        {
            session.Dispose();
        }

        if (outcome.Outputs.OfType<SnapshotManifest>().FirstOrDefault() is not { } manifest)
        {
            await PlanRunner.RenderAsync(outcome, settings.Json).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"backtrack: snapshot failed: {outcome.Execution.Error}; nothing was changed (no partial snapshot is kept)").ConfigureAwait(false);
            return outcome.ExitCode;
        }

        if (settings.Json)
        {
            Json.Write(manifest);
        }
        else
        {
            Console.WriteLine(
                $"snapshot {manifest.Id}: {manifest.Artifacts.Count} files, {TransferProgressView.Bytes(manifest.TotalBytes)} in {new SnapshotStore(environment.Config.Snapshots.Directory).PathOf(manifest.Id)}");
            foreach (var volume in manifest.Volumes ?? [])
            {
                if (volume.Read is { } read)
                {
                    Console.WriteLine(
                        $"  volume {volume.Name}: {read.FilesRead} files read ({TransferProgressView.Bytes(read.BytesRead)}), {read.FilesUnchanged} unchanged shared unread ({TransferProgressView.Bytes(read.BytesUnchanged)})");
                }
            }
        }

        await CopyOffsiteAsync(environment, manifest, settings.Json, ct).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// snapshots.copyTo: the new snapshot is copied there too. A failed copy is a warning, not a failed
    /// snapshot: the snapshot is complete here, and 'snapshot copy' retries the copy.
    /// </summary>
    private static async Task CopyOffsiteAsync(BacktrackEnvironment environment, SnapshotManifest manifest, bool json, CancellationToken ct)
    {
        if (environment.Config.Snapshots.CopyTo is not { } destination)
        {
            return;
        }

        try
        {
            var result = await OffsiteSnapshots.CopyAsync(environment.Config, manifest, destination, new TransferProgressView(), ct).ConfigureAwait(false);
            if (!json)
            {
                SnapshotCopyCommand.Render(result, OffsiteLocation.Parse(destination, Environment.CurrentDirectory).ToString(), json: false);
            }
        }
        catch (BacktrackException e)
        {
            await Console.Error.WriteLineAsync(
                $"backtrack: warning: snapshot {manifest.Id} is kept here but was not copied to snapshots.copyTo: {e.Message}; retry with 'backtrack snapshot copy {manifest.Id}'").ConfigureAwait(false);
        }
    }

    private static SnapshotParts Parts(string? only) => only switch
    {
        "volumes" => SnapshotParts.Volumes,
        "config" => SnapshotParts.Config,
        _ => SnapshotParts.All,
    };
}
