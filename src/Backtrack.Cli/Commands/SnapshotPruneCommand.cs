using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Planning;
using Backtrack.Snapshots;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class SnapshotPruneSettings : MutatingSettings
{
    [CommandOption("--keep <N>")]
    [Description("How many of the newest snapshots to keep (at least 1)")]
    public int? Keep { get; init; }

    [CommandOption("--keep-days <D>")]
    [Description("Also keep every snapshot younger than D days")]
    public int? KeepDays { get; init; }
}

/// <summary>backtrack snapshot prune --keep N [--keep-days D]: removes old snapshots, never the newest verified one, or a recent safety snapshot.</summary>
public sealed class SnapshotPruneCommand : EnvironmentCommand<SnapshotPruneSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, SnapshotPruneSettings settings, CancellationToken ct)
    {
        var keep = settings.Keep ?? throw new BacktrackException("--keep N is required");
        using var session = await environment.Operations.BeginOnAnyBackendAsync("snapshot prune", settings.DryRun, ct).ConfigureAwait(false);
        var store = new SnapshotStore(environment.Config.Snapshots.Directory);
        var removable = SnapshotRetention.Removable(
            await store.ListAsync(ct).ConfigureAwait(false), store.IsVerified, keep, settings.KeepDays, environment.Clock.GetUtcNow());
        var plan = new Plan(
            Plan.NewId(environment.Clock),
            "snapshot prune",
            removable.Count == 0 ? "nothing to prune" : $"remove {removable.Count} snapshot(s), keeping the newest {keep}",
            [
                .. removable.Select(s => (PlanStep)new RemoveSnapshotStep(0, s.Id, s.Kind, s.CreatedAt)),
                // Incremental volume snapshots share contents: only what no kept snapshot needs goes.
                .. removable.Count > 0 && Directory.Exists(store.Content.Directory) ? [new SweepContentStep(1)] : Array.Empty<PlanStep>(),
            ]);
        return await PlanRunner.RunAsync(session, settings, plan, ct).ConfigureAwait(false);
    }
}
