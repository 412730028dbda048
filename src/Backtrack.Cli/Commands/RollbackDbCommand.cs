using Backtrack.Rollback;
using Backtrack.Verify;
using System.ComponentModel;
using Backtrack.Cli.Settings;
using Backtrack.Configuration;
using Backtrack.Databases;
using Backtrack.Cli.Views;
using Backtrack.Snapshots.Offsite;
using Spectre.Console.Cli;

namespace Backtrack.Cli.Commands;

public sealed class RollbackDbSettings : VerifyingSettings
{
    [CommandOption("--from <SNAPSHOT|DESTINATION[/ID]>")]
    [Description("The snapshot to restore ('backtrack snapshot list'), or a copy to fetch and verify first (a directory or sftp://host/path)")]
    public string? From { get; init; }

    [CommandOption("--only <WHAT>")]
    [Description("postgres or redis (default: both, as far as the snapshot holds them)")]
    public string? Only { get; init; }

    [CommandOption("--stop-timeout <DURATION>")]
    public string? StopTimeout { get; init; }

    [CommandOption("--health-timeout <DURATION>")]
    public string? HealthTimeout { get; init; }
}

/// <summary>backtrack rollback db --from SNAPSHOT: verify, safety snapshot, stop writers, restore exactly, start writers, undo on failure.</summary>
public sealed class RollbackDbCommand : EnvironmentCommand<RollbackDbSettings>
{
    protected override bool WorksOnSwarm => true;

    protected override async Task<int> ExecuteAsync(BacktrackEnvironment environment, RollbackDbSettings settings, CancellationToken ct)
    {
        var request = new DatabaseRollbackRequest(
            settings.From ?? throw new BacktrackException("--from SNAPSHOT is required; 'backtrack snapshot list' lists them"),
            SnapshotScopeOption.Parse(settings.Only, allowDatabases: false),
            settings.StopTimeout is null ? null : Durations.Parse(settings.StopTimeout, "--stop-timeout"),
            settings.HealthTimeout is null ? null : Durations.Parse(settings.HealthTimeout, "--health-timeout"));
        const string command = "rollback db";
        using var session = await environment.Operations.BeginOnAnyBackendAsync(command, settings.DryRun, ct).ConfigureAwait(false);
        if (request.SnapshotId.Contains('/', StringComparison.Ordinal))
        {
            // A snapshot ID has no '/': this is a copy, fetched and verified under the lock before anything stops.
            request = request with
            {
                SnapshotId = await OffsiteSnapshots.FetchAsync(environment.Config, request.SnapshotId, m => m.Postgres is not null || m.Redis is not null, new TransferProgressView(), ct)
                    .ConfigureAwait(false),
            };
        }

        var plan = await environment.DatabaseRollbackPlanner()
            .PlanAsync(environment.Config, request, ct).ConfigureAwait(false);
        return await PlanRunner.RunAsync(session, settings, VerifyStep.AppendTo(plan, RollbackPlanner.VerifyWindow, !settings.NoVerify), ct).ConfigureAwait(false);
    }
}
