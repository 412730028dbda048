using Backtrack.Cli.Commands;
using Spectre.Console.Cli;

namespace Backtrack.Cli;

/// <summary>
/// Every command of the command line, added to Spectre's configuration. Spectre reads each command's settings by
/// reflection at every start (~20 ms of CPU for all of them in the native build), so a command line that names a
/// command gets only that command (or branch) added; anything else — no command, help, the version, an unknown
/// name — gets them all, for the full help and Spectre's suggestions.
/// </summary>
internal static class CommandTable
{
    private static readonly (string Name, Action<IConfigurator> Add)[] Commands =
    [
        ("init", config => config.AddCommand<InitCommand>("init").WithDescription("Discover the Compose projects and Swarm stacks on the engine and write backtrack.yml")),
        ("status", config => config.AddCommand<StatusCommand>("status").WithDescription("Every service: state, image, health, uptime, restarts")),
        ("health", config => config.AddCommand<HealthCommand>("health").WithDescription("Run every health check concurrently")),
        ("logs", config => config.AddCommand<LogsCommand>("logs").WithDescription("A service's log, through the engine API")),
        ("record", config => config.AddCommand<RecordCommand>("record").WithDescription("Record what runs now as a release (after each deploy)")),
        ("releases", config => config.AddCommand<ReleasesCommand>("releases").WithDescription("The release history")),
        ("versions", config => config.AddCommand<VersionsCommand>("versions").WithDescription("Rollback candidates of a service")),
        ("rollback", config => config.AddBranch("rollback", rollback =>
        {
            rollback.SetDescription("Roll back services to an earlier release");
            rollback.AddCommand<RollbackCommand<RollbackServiceSettings>>("service").WithDescription("Roll back the named services");
            rollback.AddCommand<RollbackCommand<RollbackSettings>>("all").WithDescription("Roll back every service, atomically");
            rollback.AddCommand<RollbackGitCommand>("git").WithDescription("Roll the deploy repository back to the last good commit, redeploy, health-gate");
            rollback.AddCommand<RollbackFullCommand>("full").WithDescription("Restore everything from a full snapshot: config, volumes, databases, services; safety snapshot first");
            rollback.AddCommand<RollbackDbCommand>("db").WithDescription("Restore the databases from a snapshot, exactly, with the writers stopped");
        })),
        ("fix", config => config.AddBranch("fix", fix =>
        {
            fix.SetDescription("The runbook's common scenarios: a bad model file, a bad config, a memory leak");
            fix.AddCommand<FixModelCommand>("model").WithDescription("Restore one file from git history and restart the service that reads it");
            fix.AddCommand<FixConfigCommand>("config").WithDescription("Restore .env from a saved copy and recreate the services whose configuration changed");
            fix.AddCommand<FixMemoryCommand>("memory").WithDescription("Set a service's memory limit through the engine, optionally restart it");
        })),
        ("snapshot", config => config.AddBranch("snapshot", snapshot =>
        {
            snapshot.SetDescription("Snapshots: create, list, verify, prune, clean up");
            snapshot.AddCommand<SnapshotCreateCommand>("create").WithDescription("Snapshot config, specs, volumes and databases (--only databases|volumes|config|postgres|redis)");
            snapshot.AddCommand<SnapshotListCommand>("list").WithDescription("Complete snapshots, newest first");
            snapshot.AddCommand<SnapshotVerifyCommand>("verify").WithDescription("Check a snapshot's checksums and archives (--deep: restore into a scratch database)");
            snapshot.AddCommand<SnapshotCopyCommand>("copy").WithDescription("Copy a verified snapshot to a directory or sftp://host/path, checked there by its manifest (--to DESTINATION)");
            snapshot.AddCommand<SnapshotPruneCommand>("prune").WithDescription("Remove old snapshots (--keep N [[--keep-days D]]); never the newest verified, a recent safety one or one in use");
            snapshot.AddCommand<SnapshotCleanupCommand>("cleanup").WithDescription("Drop the databases that database rollbacks kept aside");
        })),
        ("deploy", config => config.AddCommand<DeployCommand>("deploy").WithDescription("Record, run the deploy command, watch every service for a window; roll everything back on failure")),
        ("guard", config => config.AddCommand<GuardCommand>("guard").WithDescription("Watch every deploy from the engine's event stream; roll the whole stack back when one fails (until SIGTERM)")),
        ("pin", config => config.AddCommand<PinCommand>("pin").WithDescription("Write the running images into the Compose project, so 'docker compose up -d' keeps them")),
        ("repair", config => config.AddCommand<RepairCommand>("repair").WithDescription("Finish what an interrupted rollback left, back to what ran before")),
        ("verify", config => config.AddCommand<VerifyCommand>("verify").WithDescription("The post-rollback checklist: running, healthy, clean logs, steady restarts, databases, disk")),
        ("report", config => config.AddCommand<ReportCommand>("report").WithDescription("The incident report from the journal (Markdown or HTML)")),
        ("cleanup", config => config.AddCommand<CleanupCommand>("cleanup").WithDescription("Archive the incident's logs; remove kept-aside containers and images of failed releases (never recent good ones)")),
        ("install", config => config.AddCommand<InstallCommand>("install").WithDescription("Copy the single file of a host's architecture there over ssh (--host HOST [[--path DIR]]), when missing or different")),
        ("history", config => config.AddCommand<HistoryCommand>("history").WithDescription("The journal of operations and their steps")),
        ("serve", config => config.AddCommand<ServeCommand>("serve").WithDescription("A live status page of the environments in the browser (loopback; actions only with --token-file)")),
    ];

    public static void Add(IConfigurator config, IReadOnlyList<string> args)
    {
        var named = Commands.Where(c => args.Count > 0 && c.Name == args[0]).ToList();
        foreach (var (_, add) in named.Count > 0 ? named : [.. Commands])
        {
            add(config);
        }
    }
}
