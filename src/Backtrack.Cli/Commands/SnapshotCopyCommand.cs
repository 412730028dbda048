using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Snapshots;
using Backtrack.Snapshots.Offsite;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class SnapshotCopySettings : EnvironmentSettings
{
    [CommandArgument(0, "<SNAPSHOT>")]
    public string Id { get; init; } = "";

    [CommandOption("--to <DESTINATION>")]
    [Description("A directory, or sftp://[[user@]]host[[:port]]/path (default: snapshots.copyTo)")]
    public string? To { get; init; }
}

/// <summary>backtrack snapshot copy ID --to DESTINATION: exit 0 when the copy there checks, 1 when it does not.</summary>
public sealed class SnapshotCopyCommand : EnvironmentCommand<SnapshotCopySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotCopySettings settings, CancellationToken ct)
    {
        var destination = settings.To ?? environment.Config.Snapshots.CopyTo
            ?? throw new BacktrackException("--to DESTINATION is required (a directory or sftp://host/path), or set snapshots.copyTo");
        var manifest = await new SnapshotStore(environment.Config.Snapshots.Directory).LoadAsync(settings.Id, ct).ConfigureAwait(false);
        CopyResult result;

        // A snapshot or copy that does not check out is a failed copy (1); anything else is bad input or unreachable (2).
        try
        {
            result = await OffsiteSnapshots.CopyAsync(environment.Config, manifest, destination, new TransferProgressView(), ct).ConfigureAwait(false);
        }
        catch (SnapshotDamagedException e)
        {
            await Console.Error.WriteLineAsync($"backtrack: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        Render(result, OffsiteLocation.Parse(destination, Environment.CurrentDirectory).ToString(), settings.Json);
        return ExitCodes.Ok;
    }

    internal static void Render(CopyResult result, string where, bool json)
    {
        if (json)
        {
            Json.Write(new SnapshotCopyJson(result.Id, where, result.Files, result.BytesUploaded, result.AlreadyThere));
            return;
        }

        Console.WriteLine(result.AlreadyThere
            ? $"snapshot {result.Id} was already at {where}: {result.Files} files read back there, sizes and sha256 match"
            : $"snapshot {result.Id} copied to {where}: {TransferProgressView.Bytes(result.BytesUploaded)} sent, {result.Files} files read back there, sizes and sha256 match");
    }
}
