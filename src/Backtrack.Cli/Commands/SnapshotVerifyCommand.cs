using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Cli.Views;
using Backtrack.Cli.Views.JsonShapes;
using Backtrack.Snapshots;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class SnapshotVerifySettings : EnvironmentSettings
{
    [CommandArgument(0, "<SNAPSHOT>")]
    public string Id { get; init; } = "";

    [CommandOption("--deep")]
    [Description("Also restore each dump into a scratch database and compare its row counts")]
    public bool Deep { get; init; }
}

/// <summary>backtrack snapshot verify ID [--deep]: exit 0 when sound, 1 when damaged.</summary>
public sealed class SnapshotVerifyCommand : EnvironmentCommand<SnapshotVerifySettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotVerifySettings settings, CancellationToken ct)
    {
        var store = new SnapshotStore(environment.Config.Snapshots.Directory);
        var manifest = await store.LoadAsync(settings.Id, ct).ConfigureAwait(false);
        IReadOnlyList<string> checks;
        try
        {
            checks = await new SnapshotVerifier(environment.Containers)
                .VerifyAsync(environment.Config, store, manifest, SnapshotScope.Databases, settings.Deep, new TransferProgressView(), ct).ConfigureAwait(false);
        }
        catch (SnapshotDamagedException e)
        {
            await Console.Error.WriteLineAsync($"backtrack: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await store.MarkVerifiedAsync(manifest.Id, ct).ConfigureAwait(false);
        if (settings.Json)
        {
            Json.Write(new SnapshotVerifyJson(manifest.Id, true, checks));
        }
        else
        {
            foreach (var check in checks)
            {
                Console.WriteLine($"ok  {check}");
            }
        }

        return ExitCodes.Ok;
    }
}
