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
        Command<InitCommand>("init", "Discover the Compose projects and Swarm stacks on the engine and write backtrack.yml"),
        Command<StatusCommand>("status", "Every service: state, image, health, uptime, restarts"),
        Command<HealthCommand>("health", "Run every health check concurrently"),
        Command<LogsCommand>("logs", "A service's log, through the engine API"),
        Command<RecordCommand>("record", "Record what runs now as a release (after each deploy)"),
        Command<ReleasesCommand>("releases", "The release history"),
        Command<VersionsCommand>("versions", "Rollback candidates of a service"),
        Branch("rollback", "Roll back services to an earlier release", rollback =>
        {
            rollback.AddCommand<RollbackCommand<RollbackServiceSettings>>("service").WithDescription("Roll back the named services");
            rollback.AddCommand<RollbackCommand<RollbackSettings>>("all").WithDescription("Roll back every service, atomically");
            rollback.AddCommand<RollbackGitCommand>("git").WithDescription("Roll the deploy repository back to the last good commit, redeploy, health-gate");
            rollback.AddCommand<RollbackFullCommand>("full").WithDescription("Restore everything from a full snapshot: config, volumes, databases, services; safety snapshot first");
            rollback.AddCommand<RollbackDbCommand>("db").WithDescription("Restore the databases from a snapshot, exactly, with the writers stopped");
        }),
        Branch("fix", "The runbook's common scenarios: a bad model file, a bad config, a memory leak", fix =>
        {
            fix.AddCommand<FixModelCommand>("model").WithDescription("Restore one file from git history and restart the service that reads it");
            fix.AddCommand<FixConfigCommand>("config").WithDescription("Restore .env from a saved copy and recreate the services whose configuration changed");
            fix.AddCommand<FixMemoryCommand>("memory").WithDescription("Set a service's memory limit through the engine, optionally restart it");
        }),
        Branch("snapshot", "Snapshots: create, list, verify, prune, clean up", snapshot =>
        {
            snapshot.AddCommand<SnapshotCreateCommand>("create").WithDescription("Snapshot config, specs, volumes and databases (--only databases|volumes|config|postgres|redis)");
            snapshot.AddCommand<SnapshotListCommand>("list").WithDescription("Complete snapshots, newest first");
            snapshot.AddCommand<SnapshotVerifyCommand>("verify").WithDescription("Check a snapshot's checksums and archives (--deep: restore into a scratch database)");
            snapshot.AddCommand<SnapshotCopyCommand>("copy").WithDescription("Copy a verified snapshot to a directory or sftp://host/path, checked there by its manifest (--to DESTINATION)");
            snapshot.AddCommand<SnapshotPruneCommand>("prune").WithDescription("Remove old snapshots (--keep N [[--keep-days D]]); never the newest verified, a recent safety one or one in use");
            snapshot.AddCommand<SnapshotCleanupCommand>("cleanup").WithDescription("Drop the databases that database rollbacks kept aside");
        }),
        Command<DeployCommand>("deploy", "Record, run the deploy command, watch every service for a window; roll everything back on failure"),
        Command<GuardCommand>("guard", "Watch every deploy from the engine's event stream; roll the whole stack back when one fails (until SIGTERM)"),
        Command<PinCommand>("pin", "Write the running images into the Compose project, so 'docker compose up -d' keeps them"),
        Command<RepairCommand>("repair", "Finish what an interrupted rollback left, back to what ran before"),
        Command<VerifyCommand>("verify", "The post-rollback checklist: running, healthy, clean logs, steady restarts, databases, disk"),
        Command<ReportCommand>("report", "The incident report from the journal (Markdown or HTML)"),
        Command<CleanupCommand>("cleanup", "Archive the incident's logs; remove kept-aside containers and images of failed releases (never recent good ones)"),
        Command<InstallCommand>("install", "Copy the single file of a host's architecture there over ssh (--host HOST [[--path DIR]]), when missing or different"),
        Command<HistoryCommand>("history", "The journal of operations and their steps"),
        Command<ServeCommand>("serve", "A live status page of the environments in the browser (loopback; actions only with --token-file)"),
    ];

    private static (string Name, Action<IConfigurator> Add) Command<TCommand>(string name, string description)
        where TCommand : class, ICommand =>
        (name, config => config.AddCommand<TCommand>(name).WithDescription(description));

    private static (string Name, Action<IConfigurator> Add) Branch(string name, string description, Action<IConfigurator<CommandSettings>> commands) =>
        (name, config => config.AddBranch(name, branch =>
        {
            branch.SetDescription(description);
            commands(branch);
        }));

    public static void Add(IConfigurator config, IReadOnlyList<string> args)
    {
        var named = Commands.Where(c => args.Count > 0 && c.Name == args[0]).ToList();
        foreach (var (_, add) in named.Count > 0 ? named : [.. Commands])
        {
            add(config);
        }
    }
}
