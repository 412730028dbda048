using Backtrack.Rollback;
using Backtrack.Verify;
using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.FullSystem;
using Backtrack.Cli.Views;
using Backtrack.Snapshots.Offsite;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class RollbackFullSettings : VerifyingSettings
{
    [CommandOption("--to <SNAPSHOT|TIME>")]
    [Description("A snapshot ID, or a time (ISO 8601, or a duration such as 2h: that long ago) whose newest full snapshot is taken")]
    public string? To { get; init; }

    [CommandOption("--from <DESTINATION[/ID]>")]
    [Description("Fetch the snapshot from a copy (a directory or sftp://host/path; without an ID its newest full snapshot) and verify it first")]
    public string? From { get; init; }
}

/// <summary>backtrack rollback full --to SNAPSHOT|TIME: verify, safety snapshot, stop, restore config, volumes, databases and services, start, gate, verify.</summary>
public sealed class RollbackFullCommand : EnvironmentCommand<RollbackFullSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, RollbackFullSettings settings, CancellationToken ct)
    {
        if (settings.To is not null && settings.From is not null)
        {
            throw new BacktrackException("give --to SNAPSHOT|TIME or --from DESTINATION[/ID], not both");
        }

        var to = settings.To ?? settings.From ?? throw new BacktrackException("--to SNAPSHOT|TIME or --from DESTINATION[/ID] is required; 'backtrack snapshot list' lists the snapshots here");
        using var session = await environment.Operations.BeginOnAnyBackendAsync(FullRollbackPlanner.Command, settings.DryRun, ct).ConfigureAwait(false);
        if (settings.From is { } from)
        {
            // Fetched and verified under the lock, before a plan that stops anything exists.
            to = await OffsiteSnapshots.FetchAsync(environment.Config, from, m => m.IsFull, new TransferProgressView(), ct).ConfigureAwait(false);
        }

        var plan = await new FullRollbackPlanner(environment.Engine, environment.Containers, environment.Clock).PlanAsync(environment.Config, to, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
    }
}
